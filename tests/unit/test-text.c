/* limber_text_visible(): what untrusted text may contain, shown rather
 * than acted on. */
#include "limber-text.h"

static const struct
{
  const char *text;
  LimberTextFlags flags;
  const char *shown;
} cases[] = {
  { "plain text, ünïcödé and emoji 🧘", 0,
    "plain text, ünïcödé and emoji 🧘" },
  { "", 0, "" },
  /* C0: ESC, BEL, CR, the rest; DEL. */
  { "A\x1b]0;pwned\x07\x1b[2J\rB\x01\x7f", 0, "A^[]0;pwned^G^[[2J^MB^A^?" },
  { "\x1f", 0, "^_" },
  /* A newline would forge a line of a log; tabs are kept on request. */
  { "one\ntwo\tthree", LIMBER_TEXT_ONE_LINE, "one^Jtwo^Ithree" },
  { "one\ntwo\tthree", LIMBER_TEXT_KEEP_NEWLINES, "one\ntwo^Ithree" },
  { "one\ntwo\tthree", LIMBER_TEXT_KEEP_TABS, "one^Jtwo\tthree" },
  { "one\ntwo\tthree", LIMBER_TEXT_KEEP_NEWLINES | LIMBER_TEXT_KEEP_TABS,
    "one\ntwo\tthree" },
  /* C1, in UTF-8: CSI and NEL. */
  { "x\xc2\x9b"
    "2Jy\xc2\x85",
    0, "x<U+009B>2Jy<U+0085>" },
  /* Bidi overrides, embeddings, isolates and marks: "txt.exe" must not
   * read as "exe.txt". */
  { "invoice\xe2\x80\xaetxt.exe", 0, "invoice<U+202E>txt.exe" },
  { "\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad", 0,
    "<U+202A><U+202B><U+202C><U+202D>" },
  { "\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9", 0,
    "<U+2066><U+2067><U+2068><U+2069>" },
  { "\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c", 0, "<U+200E><U+200F><U+061C>" },
  /* Line and paragraph separators break lines in some viewers. */
  { "a\xe2\x80\xa8"
    "b\xe2\x80\xa9",
    0, "a<U+2028>b<U+2029>" },
  /* Not UTF-8: each stray byte shown, the rest kept. */
  { "bad\xff byte", 0, "bad<0xFF> byte" },
  { "cut \xe2\x80", 0, "cut <0xE2><0x80>" },
  { "\xc0\xaf overlong", 0, "<0xC0><0xAF> overlong" },
  { "\xed\xa0\x80 surrogate", 0, "<0xED><0xA0><0x80> surrogate" },
};

static void
test_cases (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown
          = limber_text_visible (cases[i].text, -1, cases[i].flags);

      g_assert_cmpstr (shown, ==, cases[i].shown);
      g_assert_true (g_utf8_validate (shown, -1, NULL));
    }
}

/* Shown twice is shown once: a message made visible where it is written
 * may be made visible again where it is read. */
static void
test_idempotent (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *once
          = limber_text_visible (cases[i].text, -1, cases[i].flags);
      g_autofree char *twice = limber_text_visible (once, -1, cases[i].flags);

      g_assert_cmpstr (twice, ==, once);
    }
}

/* With a length, a NUL is text like any other control. */
static void
test_length (void)
{
  g_autofree char *shown = limber_text_visible ("a\0b\nc", 5, 0);
  g_autofree char *empty = limber_text_visible (NULL, 0, 0);

  g_assert_cmpstr (shown, ==, "a^@b^Jc");
  g_assert_cmpstr (empty, ==, "");
}

/* Every byte value and every code point of the ranges above: nothing that
 * acts gets through. */
static void
test_nothing_acts (void)
{
  for (guint b = 0; b < 0x100; b++)
    {
      char text[2] = { (char) b, 0 };
      g_autofree char *shown = limber_text_visible (text, 1, 0);

      for (const char *p = shown; *p != '\0'; p++)
        g_assert_true ((guchar) *p >= 0x20 && (guchar) *p != 0x7f);
    }
  for (gunichar c = 0x80; c < 0x3000; c++)
    {
      char text[8] = { 0 };
      g_autofree char *shown = NULL;

      g_unichar_to_utf8 (c, text);
      shown = limber_text_visible (text, -1, 0);
      for (const char *p = shown; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar d = g_utf8_get_char (p);
          g_assert_false ((d >= 0x80 && d <= 0x9f)
                          || (d >= 0x202a && d <= 0x202e)
                          || (d >= 0x2066 && d <= 0x2069) || d == 0x200e
                          || d == 0x200f || d == 0x2028 || d == 0x2029);
        }
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/text/cases", test_cases);
  g_test_add_func ("/text/idempotent", test_idempotent);
  g_test_add_func ("/text/length", test_length);
  g_test_add_func ("/text/nothing-acts", test_nothing_acts);
  return g_test_run ();
}
