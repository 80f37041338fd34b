package cmd

import (
	"bytes"
	"io"
	"os"
	"strings"
)

// lineBreak stands for a line break of a pasted text while the text sits
// on the prompt's one line, so that a pasted question is one entry: it
// can be edited, runs on Enter and comes back whole from history.
const lineBreak = "↵"

// Terminal sequences of bracketed paste: the terminal wraps what is
// pasted in pasteStart and pasteEnd once enablePaste is written to it.
const (
	enablePaste  = "\x1b[?2004h"
	disablePaste = "\x1b[?2004l"
	pasteStart   = "\x1b[200~"
	pasteEnd     = "\x1b[201~"
)

// pasteFilter passes terminal input through, dropping the brackets of a
// paste and turning the line breaks inside it into lineBreak.
type pasteFilter struct {
	r       io.Reader
	inPaste bool
	held    []byte // the start of a bracket split across reads
	out     []byte
}

func (f *pasteFilter) Read(p []byte) (int, error) {
	for len(f.out) == 0 {
		buf := make([]byte, 4096)
		n, err := f.r.Read(buf)
		f.out = f.filter(append(f.held, buf[:n]...))
		if err != nil {
			f.out = append(f.out, f.held...)
			f.held = nil
			if len(f.out) == 0 {
				return 0, err
			}
		}
	}
	n := copy(p, f.out)
	f.out = f.out[n:]
	return n, nil
}

// filter rewrites in, holding back a trailing part that may begin a
// bracket.
func (f *pasteFilter) filter(in []byte) []byte {
	var out []byte
	f.held = nil
	for i := 0; i < len(in); i++ {
		rest := in[i:]
		switch {
		case bytes.HasPrefix(rest, []byte(pasteStart)):
			f.inPaste, i = true, i+len(pasteStart)-1
		case bytes.HasPrefix(rest, []byte(pasteEnd)):
			f.inPaste, i = false, i+len(pasteEnd)-1
		case rest[0] == 0x1b && (strings.HasPrefix(pasteStart, string(rest)) || strings.HasPrefix(pasteEnd, string(rest))):
			f.held = append([]byte(nil), rest...)
			return out
		case f.inPaste && rest[0] == '\r' && len(rest) > 1 && rest[1] == '\n':
			out, i = append(out, lineBreak...), i+1
		case f.inPaste && (rest[0] == '\r' || rest[0] == '\n'):
			out = append(out, lineBreak...)
		default:
			out = append(out, rest[0])
		}
	}
	return out
}

// filterStdin makes os.Stdin a pipe fed through a pasteFilter from the
// terminal, for the line editor to read, and turns on bracketed paste.
// The returned function undoes both. The terminal's modes are still set
// on file descriptor 0, which stays the terminal.
func filterStdin(out io.Writer) (restore func(), err error) {
	pr, pw, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	term := os.Stdin
	go func() {
		io.Copy(pw, &pasteFilter{r: term})
		pw.Close()
	}()
	os.Stdin = pr
	io.WriteString(out, enablePaste)
	return func() {
		io.WriteString(out, disablePaste)
		os.Stdin = term
	}, nil
}

// splitPaste returns the lines of an entry that holds pasted line breaks.
func splitPaste(line string) []string {
	return strings.Split(strings.Trim(line, lineBreak), lineBreak)
}
