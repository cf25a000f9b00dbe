/* PipeWire's messages as its protocol-native.c lays them out, written by
 * the tests' own code so that what pipewire-wire.c reads is not made by
 * pipewire-wire.c. */
#pragma once

#include <glib.h>

void u32 (GByteArray *b, guint32 v);
void pad8 (GByteArray *b);
/* @type: 4 for an Int, 3 for an Id. */
void pod_int (GByteArray *b, guint32 type, guint32 v);
void pod_long (GByteArray *b, guint64 v);
/* NULL: a None. */
void pod_string (GByteArray *b, const char *s);
guint struct_begin (GByteArray *b);
void struct_end (GByteArray *b, guint at);
guint message_begin (GByteArray *b);
/* Fills in the header; seq 7. */
void message_end (GByteArray *b, guint at, guint32 id, guint32 opcode);
/* @kv: key, value, …, NULL. */
void pod_dict (GByteArray *b, const char *const *kv);
/* A registry's global event (the registry being object 2). */
void add_global (GByteArray *b, guint32 id, const char *type,
                 const char *const *props);
/* A node's info event, on @proxy (props only if @mask says so). */
void add_node_info (GByteArray *b, guint32 proxy, guint32 id, guint64 mask,
                    guint32 state, const char *const *props);
