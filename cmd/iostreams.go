package cmd

import (
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"
)

// IOStreams are the streams a command reads and writes, and what is known
// about the terminal behind them.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	OutTTY bool // stdout is a terminal
	ErrTTY bool // stderr is a terminal
	InTTY  bool // stdin is a terminal
	Width  int  // terminal columns, 0 when unknown
	Getenv func(string) string
	// Styler, when set, styles coloured output instead of ANSI escapes
	// (golden tests use a tag styler).
	Styler Styler
}

// System returns the process's own streams.
func System() *IOStreams {
	ios := &IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr, Getenv: os.Getenv}
	ios.OutTTY = term.IsTerminal(int(os.Stdout.Fd()))
	ios.ErrTTY = term.IsTerminal(int(os.Stderr.Fd()))
	ios.InTTY = term.IsTerminal(int(os.Stdin.Fd()))
	if ios.OutTTY {
		if w, _, err := term.GetSize(int(os.Stdout.Fd())); err == nil {
			ios.Width = w
		}
	}
	return ios
}

// errWriter passes writes on to w and keeps the first error. Output is
// written with many Fprintf calls whose errors nobody checks; this keeps
// the first one, so that crib can say once, at exit, that stdout failed
// (a full disk) instead of exiting 0 with the answer lost. After an
// error it writes nothing more: what follows would be a broken fragment.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	if err != nil {
		e.err = err
	}
	return n, err
}

// silenced is a copy of ios that writes nothing, for work done on the
// side (shell completion, stamping the notes before each tool call) whose
// warnings are said when the notes are opened for an answer.
func (ios *IOStreams) silenced() *IOStreams {
	q := *ios
	q.Out, q.ErrOut, q.OutTTY, q.ErrTTY = io.Discard, io.Discard, false, false
	return &q
}

// recordWrites makes ios.Out keep its first write error, for writeErr.
func (ios *IOStreams) recordWrites() {
	if _, ok := ios.Out.(*errWriter); !ok && ios.Out != nil {
		ios.Out = &errWriter{w: ios.Out}
	}
}

// writeErr is the first error writing to stdout, once recordWrites has
// run, or nil.
func (ios *IOStreams) writeErr() error {
	if e, ok := ios.Out.(*errWriter); ok {
		return e.err
	}
	return nil
}

// isStdout reports whether ios.Out is the process's own stdout (not a
// buffer, as in tests), recorded by recordWrites or not.
func (ios *IOStreams) isStdout() bool {
	out := ios.Out
	if e, ok := out.(*errWriter); ok {
		out = e.w
	}
	return out == io.Writer(os.Stdout)
}

// stdinWaiting reports whether standard input is a pipe holding bytes
// to read now. A regular file does not count: in "while read q; do crib
// $q; done < file" every crib inherits the file's rest, and saying it was
// ignored each time is noise (review 9 #4). It never reads nor waits: an
// open pipe that no one writes to must not hang crib, so where the
// system cannot say (pendingBytes), the answer is no.
func (ios *IOStreams) stdinWaiting() bool {
	if ios.InTTY || ios.In == nil {
		return false
	}
	switch in := ios.In.(type) {
	case *os.File:
		if fi, err := in.Stat(); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
			return false
		}
		n, ok := pendingBytes(in)
		return ok && n > 0
	case interface{ Len() int }: // a test's strings.Reader
		return in.Len() > 0
	}
	return false
}

// Warnf prints one warning line to stderr: a newline in what it names
// (a file name) is shown as ^J, so the warning stays one line.
func (ios *IOStreams) Warnf(format string, args ...any) {
	fmt.Fprintf(ios.ErrOut, "crib: warning: %s\n", visibleLine(fmt.Sprintf(format, args...)))
}

// ColorEnabled decides whether to colour stdout, in this order: an
// explicit --color always or never; NO_COLOR (set) turns colour off;
// CLICOLOR_FORCE (set, not 0) turns it on, also when piped; otherwise
// colour follows whether stdout is a terminal (not TERM=dumb).
func (ios *IOStreams) ColorEnabled(mode string) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	if ios.Getenv("NO_COLOR") != "" {
		return false
	}
	if f := ios.Getenv("CLICOLOR_FORCE"); f != "" && f != "0" {
		return true
	}
	return ios.OutTTY && !strings.EqualFold(ios.Getenv("TERM"), "dumb")
}

// display is how a command's results look. It is decided once per
// command, here, from the streams, the environment and --color.
type display struct {
	// terminal lays results out for people (grouped, wrapped, styled);
	// otherwise they are plain lines for pipes. Colour implies it, so
	// --color always and CLICOLOR_FORCE colour piped output too.
	terminal bool
	styler   Styler
	width    int // columns to wrap at
}

// maxWidth bounds the text width on wide terminals, for readability.
const maxWidth = 100

func (ios *IOStreams) display(colorMode string) display {
	color := ios.ColorEnabled(colorMode)
	d := display{terminal: ios.OutTTY || color, styler: plainStyler{}, width: ios.Width}
	switch {
	case color && ios.Styler != nil:
		d.styler = ios.Styler
	case color:
		d.styler = newANSIStyler()
	}
	if d.width <= 0 || d.width > maxWidth {
		d.width = maxWidth
	}
	return d
}
