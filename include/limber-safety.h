/* The guide's safety rules, in limber's words: the red flags that mean
 * stop and see someone, and what to do. One place, shared by limberctl
 * (routine safety) and limberd (the first guided break's reminder).
 * Marked for translation: show them through _(). */
#pragma once

#include "limber-i18n.h"

/* The one line the first guided break shows. */
#define LIMBER_SAFETY_LINE                                                     \
  N_ ("Stop if anything hurts sharply, tingles or goes numb.")

/* limberctl routine safety, in full. */
#define LIMBER_SAFETY_TEXT                                                     \
  N_ ("Stop at once, and see a doctor or a physical therapist, if you have:\n" \
      "  - numbness or tingling in your arms or hands\n"                       \
      "  - sharp or shooting pain with any movement\n"                         \
      "  - pain that gets worse after the exercises, or spreads down your "    \
      "arms\n"                                                                 \
      "  - a recent injury or accident\n"                                      \
      "  - pain that has lasted over a week without getting better\n"          \
      "\n"                                                                     \
      "While you follow a routine:\n"                                          \
      "  - A mild stretching feeling is fine; sharp pain is not. Every step "  \
      "can\n"                                                                  \
      "    be stopped at once: Stop on the pop-up, or 'limberctl routine "     \
      "stop'.\n"                                                               \
      "  - Move slowly, from the shoulder blades; never force a stretch.\n"    \
      "  - If the pain is worse after exercising, rest an extra day first.\n"  \
      "\n"                                                                     \
      "See a physical therapist if two weeks of regular breaks bring no\n"     \
      "improvement, if pain disturbs your sleep or your day, if you are "      \
      "unsure\n"                                                               \
      "how to do an exercise, or if you have had spine problems or an "        \
      "injury.\n"                                                              \
      "\n"                                                                     \
      "limber reminds you to move; it is not medical advice.\n")
