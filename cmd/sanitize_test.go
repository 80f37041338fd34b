package cmd

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search"
	"github.com/crib-dev/crib/search/check"
	"github.com/crib-dev/crib/synonyms"
)

func TestVisible(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain text is kept", "warm pool › ASG – ünïcode\ttab\nnewline", "warm pool › ASG – ünïcode\ttab\nnewline"},
		{"OSC 52 clipboard, BEL-terminated", "a \x1b]52;c;ZWNobyBwd25lZA==\x07 b", "a  b"},
		{"OSC 8 hyperlink, ST-terminated", "\x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\", "click"},
		{"window title", "\x1b]0;pwned\x07x", "x"},
		{"CSI clear screen and colour", "\x1b[2J\x1b[31mred\x1b[0m", "red"},
		{"CSI with private parameters", "\x1b[?1049h\x1b[?2004lok", "ok"},
		{"DCS, PM and APC strings", "\x1bPq#0\x1b\\\x1b^pm\x1b\\\x1b_apc\x07.", "."},
		{"two-byte escapes: reset, save cursor, charset", "\x1bc\x1b7\x1b(Bx", "x"},
		{"C1 CSI and OSC", "\u009b2J\u009d0;t\u009cx", "x"},
		{"lone C1 code", "a\u0085b", `a\u0085b`},
		{"unterminated OSC shows its introducer", "\x1b]52;c;abc", "^[]52;c;abc"},
		{"an OSC running past its line shows its introducer", "\x1b]0;a\nb\x07", "^[]0;a\nb^G"},
		{"ESC at the end", "x\x1b", "x^["},
		{"a stray ESC before a space is shown, the word kept", "a \x1b byte", "a ^[ byte"},
		{"C0 controls in caret notation", "\x00\x01\r\x07\x08", "^@^A^M^G^H"},
		{"DEL", "del\x7f", "del^?"},
		{"invalid UTF-8", "caf\xe9 \xc2", `caf\xe9 \xc2`},
		{"U+FFFD itself is text", "\uFFFD", "\uFFFD"},
		{"bidi override and isolate controls shown escaped", "timeout \u202e desrever \u2066x\u2069", `timeout \u202e desrever \u2066x\u2069`},
		{"right-to-left text itself is kept", "שלום مرحبا", "שלום مرحبا"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := visible(tt.in); got != tt.want {
				t.Errorf("visible(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestVisibleMovesHighlights(t *testing.T) {
	text := "\x1b[31mwarm\x1b[0m \x07pool"
	s, spans := visibleSnippet(corpus.Snippet{Text: text}, []search.Span{{Start: 5, End: 9}, {Start: 15, End: 19}})
	if s.Text != "warm ^Gpool" {
		t.Fatalf("text %q", s.Text)
	}
	var got []string
	for _, sp := range spans {
		got = append(got, s.Text[sp.Start:sp.End])
	}
	if strings.Join(got, ",") != "warm,pool" {
		t.Errorf("highlights %q, want warm and pool", got)
	}
}

func TestJSONVisible(t *testing.T) {
	var b bytes.Buffer
	in := "esc\x1b del\x7f csi\u009b nel\u0085 ok\u00a0é"
	if err := writeJSON(&b, map[string]string{"t": in}); err != nil {
		t.Fatal(err)
	}
	if bad := unsafeRune(b.String(), false); bad != "" {
		t.Fatalf("JSON holds %s: %q", bad, b.String())
	}
	var back map[string]string
	if err := json.Unmarshal(b.Bytes(), &back); err != nil || back["t"] != in {
		t.Errorf("JSON %s does not decode to the text: %q, %v", b.String(), back["t"], err)
	}
}

// runeStart moves i into s and back to the start of a character.
func runeStart(s string, i int) int {
	i = min(max(i, 0), len(s))
	for i > 0 && i < len(s) && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}

// ownSGR is the colour crib's own Styler writes.
var ownSGR = regexp.MustCompile(`\x1b\[[0-9;]*m`)

// unsafeRune describes the first character in out that a terminal acts
// on, or returns "". With sgr, crib's own colour codes are allowed.
func unsafeRune(out string, sgr bool) string {
	if sgr {
		out = ownSGR.ReplaceAllString(out, "")
	}
	for i, r := range out {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(out[i:], "\uFFFD"):
			return "invalid UTF-8"
		case r < 0x20 && r != '\t' && r != '\n', r == 0x7f, r >= 0x80 && r < 0xa0, bidiControl(r):
			return fmt.Sprintf("control character %U", r)
		}
	}
	return ""
}

// FuzzOutputIsVisible fills every string crib prints of an answer, a
// checked question and a service report with the input, renders them in
// every mode, and checks that no output holds a control character but
// tab, newline and crib's own colours.
func FuzzOutputIsVisible(f *testing.F) {
	for _, s := range []string{
		"\x1b]52;c;ZWNobyBwd25lZA==\x07", "\x1b]8;;http://e\x1b\\x\x1b]8;;\x1b\\", "\x1b[2J\x1b[31m", "\u009b31m\u009d0;t\u009c",
		"\x1b]0;unterminated", "\x1bP", "a\x00b\r\x7f", "caf\xe9\xc2", "ok › text", "\x1b[", "\xc2\x9b", "a\u202eb\u2067c",
	} {
		f.Add(s, 3, 9)
	}
	f.Fuzz(func(t *testing.T, s string, start, end int) {
		// Search's spans lie on character boundaries.
		start, end = runeStart(s, start), runeStart(s, end)
		sp := []search.Span{{Start: min(start, end), End: max(start, end)}}
		snip := corpus.Snippet{Text: s, Heading: []string{s, s}, Context: []string{s}, Tags: []string{s}, Source: s, Line: 3}
		ans := &search.Answer{Question: s, Services: []string{s}, Corrections: map[string]string{s: s},
			Related: []search.Related{{Service: s, Why: s}},
			Results: []search.Result{{Hit: search.Hit{Snippet: snip, Explain: []search.Contribution{{Share: s, Field: s, Term: s, Kind: s, Origin: s}}},
				Rank: 1, Services: []string{s}, Matches: sp, Children: []string{s}}}}
		q := &check.Question{Stem: s, Options: []check.Option{{Letter: s, Text: s}}, Choose: 2}
		res := &check.Result{Question: q, Ask: check.Ask{Question: s, Negative: true}, Covered: true, Unknown: []string{s},
			Options: []check.OptionEvidence{{Option: q.Options[0], Support: []check.Support{{Snippet: snip, Matches: sp}}, Against: []check.Support{{Snippet: snip, Matches: sp}}}}}
		rep := &search.ServiceReport{Service: synonyms.Service{Name: s, Aliases: []string{s}, Category: s}, Corrected: s,
			Sections: []search.Section{{Source: s, Heading: []string{s}, Snippets: []corpus.Snippet{snip}}}, Related: ans.Related}
		for _, st := range []Styler{plainStyler{}, tagStyler{}, newANSIStyler()} {
			var b bytes.Buffer
			renderTerminal(&b, visibleAnswer(ans), st, 40, answerExtras{}, true)
			renderCheckTerminal(&b, visibleCheck(res), st, 40)
			renderServiceTerminal(&b, visibleService(rep), st, 40, true)
			if bad := unsafeRune(b.String(), true); bad != "" {
				t.Fatalf("terminal output with %T holds a %s: %q", st, bad, b.String())
			}
		}
		var out, errOut bytes.Buffer
		ios := &IOStreams{Out: &out, ErrOut: &errOut, Getenv: func(string) string { return "" }}
		renderPlain(&out, visibleAnswer(ans), answerExtras{})
		renderCheckPlain(ios, visibleCheck(res))
		printCorrections(ios, ans)
		ios.Warnf("%s", s)
		for _, render := range []func() error{
			func() error { return renderJSON(&out, ans, answerExtras{}) },
			func() error { return renderCheckJSON(&out, res) },
			func() error { return renderServiceJSON(&out, rep) },
		} {
			if err := render(); err != nil {
				t.Fatal(err)
			}
		}
		if bad := unsafeRune(out.String()+errOut.String(), false); bad != "" {
			t.Fatalf("plain or JSON output holds a %s: %q", bad, out.String()+errOut.String())
		}
	})
}

// FuzzVisible checks visible on its own: safe output, no change to what
// it already made safe, and offsets that move forward to the end.
func FuzzVisible(f *testing.F) {
	for _, s := range []string{"\x1b]52;c;eA==\x07", "\x1b[31mx", "\u009b1m\u0085", "\x1b]0;open", "a\xffb", "plain"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, at := sanitize(s, true)
		if bad := unsafeRune(out, false); bad != "" {
			t.Fatalf("visible(%q) = %q holds a %s", s, out, bad)
		}
		if again := visible(out); again != out {
			t.Errorf("visible changes its own output %q to %q", out, again)
		}
		if at == nil {
			if out != s {
				t.Fatalf("no offsets, but %q became %q", s, out)
			}
			return
		}
		for i := 1; i < len(at); i++ {
			if at[i] < at[i-1] {
				t.Fatalf("offsets go back at %d: %v", i, at)
			}
		}
		if at[len(s)] != len(out) {
			t.Errorf("the end maps to %d, want %d", at[len(s)], len(out))
		}
	})
}

func TestWithoutEscapes(t *testing.T) {
	tests := []struct{ in, want string }{
		{"warm pool", "warm pool"},
		{"\x1b[31mpool\x1b[0m", "pool"},
		{"warm\x07pool", "warm pool"},
		{"a\x1b]0;title\x07b", "ab"},
		{"line\none", "line\none"},
		{"tab\there\x7f", "tab here "},
	}
	for _, tt := range tests {
		if got := withoutEscapes(tt.in); got != tt.want {
			t.Errorf("withoutEscapes(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Making a checked question safe to print keeps what it was asked: a NOT
// question stays one, and notes against an option stay against it.
func TestVisibleCheckKeepsAsk(t *testing.T) {
	q := &check.Question{Stem: "Which is NOT a hook?", Options: []check.Option{{Letter: "A", Text: "x"}}, Choose: 1}
	snip := corpus.Snippet{Text: "bad\x1b[2J", Source: "n.md", Line: 1}
	res := &check.Result{Question: q, Ask: check.Ask{Negative: true}, Covered: true,
		Options: []check.OptionEvidence{{Option: q.Options[0], Against: []check.Support{{Snippet: snip}}}}}
	v := visibleCheck(res)
	if !v.Ask.Negative || !v.Covered {
		t.Errorf("visibleCheck lost the ask or coverage: %+v", v)
	}
	if len(v.Options[0].Against) != 1 || strings.Contains(v.Options[0].Against[0].Snippet.Text, "\x1b") {
		t.Errorf("note against the option not kept or not made safe: %+v", v.Options[0].Against)
	}
}

// A NOT question lists the weakest option first: the bars still scale
// to the strongest, and nothing overflows.
func TestCheckTerminalNegativeBars(t *testing.T) {
	q := &check.Question{Stem: "Which is NOT a hook?", Options: []check.Option{{Letter: "A", Text: "x"}, {Letter: "B", Text: "y"}}, Choose: 1}
	res := &check.Result{Question: q, Ask: check.Ask{Negative: true}, Covered: true,
		Options: []check.OptionEvidence{{Option: q.Options[0], Score: 0.5}, {Option: q.Options[1], Score: 1.5}}}
	var b bytes.Buffer
	renderCheckTerminal(&b, res, plainStyler{}, 80)
	out := b.String()
	if !strings.Contains(out, "███░░░░░░░") || !strings.Contains(out, "██████████") {
		t.Errorf("bars not scaled to the strongest option:\n%s", out)
	}
}

func TestEvidenceBarBounds(t *testing.T) {
	for _, c := range []struct{ score, top float64 }{{2, 1}, {-1, 1}, {1, 0}, {0.5, 1}} {
		if got := []rune(evidenceBar(c.score, c.top)); len(got) != barWidth {
			t.Errorf("evidenceBar(%v, %v) = %q", c.score, c.top, string(got))
		}
	}
}

// TestNewlineInFileName: a file name holding a newline stays on its
// result's one line, the newline shown as ^J, piped and with -C (review 8
// saw "…/b" and "x.md:1: …" on two lines).
func TestNewlineInFileName(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "b\nx.md"), []byte("# Deploy\n- CodeDeploy canary newline\n- CodeDeploy linear shift\n"), 0o644)
	for name, args := range map[string][]string{
		"newline-file-name-piped":   {"--notes", dir, "--no-expand", "canary"},
		"newline-file-name-context": {"--notes", dir, "--no-expand", "-C", "1", "canary"},
	} {
		t.Run(name, func(t *testing.T) {
			code, out, errOut := transcript{args: args}.run(t)
			checkGolden(t, name+".golden", replaceAll(formatTranscript(code, out, errOut), dir, "$TMP"))
		})
	}
}
