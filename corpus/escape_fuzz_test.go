package corpus

import (
	"bytes"
	"testing"
)

// FuzzWithoutEscapes: removing escape sequences never panics, never adds
// bytes and keeps every line break, so notes keep the lines of their file.
func FuzzWithoutEscapes(f *testing.F) {
	for _, s := range []string{"- a \x1b[31mred\x1b[0m", "\x1b]0;t\x07x", "\x1b]0;x\ny\x07", "\u009b1m\u009d0;t\u009c", "a\rb\x1b]8;;u\x1b\\c", "\x1b", "\xc2"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		out := withoutEscapes(data)
		if len(out) > len(data) {
			t.Fatalf("%q grew to %q", data, out)
		}
		for _, c := range []byte{'\n', '\r'} {
			if bytes.Count(out, []byte{c}) != bytes.Count(data, []byte{c}) {
				t.Fatalf("%q: line breaks %q changed in %q", data, c, out)
			}
		}
	})
}
