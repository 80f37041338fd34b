package cmd

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	"github.com/peterh/liner"
)

// lineReader reads one line of input at a time.
type lineReader interface {
	// Prompt returns the next line without its newline, io.EOF at the
	// end of input, errInterrupt when the user pressed Ctrl-C.
	Prompt(prompt string) (string, error)
	AppendHistory(entry string)
	Close() error
}

var errInterrupt = errors.New("interrupted")

// arrived is what a lineReader that can tell does when asked for the
// lines that have already arrived after the last one: a pasted exam
// question arrives all at once, a typed one a line at a time.
type arrived interface {
	// ready returns the first line that is not blank among those already
	// there, without waiting for more; Prompt still returns them in turn.
	ready() (string, bool)
}

// firstFilled returns the first of lines that is not blank.
func firstFilled(lines []string) (string, bool) {
	for _, l := range lines {
		if strings.TrimSpace(l) != "" {
			return l, true
		}
	}
	return "", false
}

// newLineReader picks a line editor for terminals, plain lines otherwise.
func newLineReader(ios *IOStreams) lineReader {
	if !ios.InTTY || !ios.OutTTY || ios.In != os.Stdin {
		return &plainReader{r: bufio.NewReader(ios.In)}
	}
	if !lineEditorFits(ios.Width) {
		return newCookedReader(ios)
	}
	// The history is read before the terminal changes mode, so that no
	// way out of reading it leaves bracketed paste on.
	path := historyPath(ios)
	history, keep := loadHistory(ios, path)
	restore, err := filterStdin(ios.Out)
	if err != nil {
		ios.Warnf("pasting several lines at once will not work: %v", err)
		restore = func() {}
	}
	st := liner.NewLiner()
	st.SetCtrlCAborts(true)
	st.SetMultiLineMode(true)
	st.ReadHistory(bytes.NewReader(history))
	return &linerReader{st: st, ios: ios, path: path, keep: keep, restore: restore}
}

// maxHistoryBytes caps the history read back: the line editor keeps its
// last 1,000 entries, and a pasted exam question is one entry of one to
// four KB, so a session's history grows past 1 MiB (review 15: a cap of
// 1 MiB then warned every session and saved nothing again).
const maxHistoryBytes = 16 << 20

// loadHistory reads back the saved history at path, if there is one.
// Anything there but a regular file of at most maxHistoryBytes is skipped
// with one warning: a FIFO would block before the first prompt, for good,
// and a device such as /dev/zero would be read without end. keep says
// the session must leave what is there as the user left it, rather than
// write its history over something it could not read.
func loadHistory(ios *IOStreams, path string) (history []byte, keep bool) {
	if path == "" {
		return nil, false // Close says why it cannot save
	}
	data, err := readRegularFile(path, maxHistoryBytes)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
			err = pe.Err // the path is named once, below
		}
		ios.Warnf("cannot read history %s: %v; this session's history will not be saved", path, err)
		return nil, true
	}
	return data, false
}

// lineEditorFits reports whether the line editor can edit on this
// terminal: one at least minEditWidth columns wide whose TERM it
// supports. Elsewhere (a narrow terminal, one of unknown size, 0x0, as
// some CI shells give, or TERM unset, dumb or cons25, as Emacs M-x shell
// sets) liner falls back to the terminal's own line editing with Ctrl-C
// killing crib, after bracketed paste was turned on and with nothing
// left to turn it off; crib reads cooked lines itself there instead.
func lineEditorFits(width int) bool {
	return width >= minEditWidth && liner.TerminalSupported()
}

// minEditWidth is the narrowest terminal the line editor edits on: the
// prompt and 10 columns.
const minEditWidth = len("crib> ") + 10

// cookedReader reads lines from a terminal in its own (cooked) mode: the
// terminal edits the line, crib prints the prompt and catches Ctrl-C,
// which then clears the line (the terminal drops what was typed) rather
// than ending the session. It changes no terminal mode.
type cookedReader struct {
	out     io.Writer
	lines   chan typedLine
	intr    chan os.Signal
	pending []typedLine // taken from lines by ready, not yet prompted for
}

type typedLine struct {
	text string
	err  error
}

func newCookedReader(ios *IOStreams) *cookedReader {
	c := &cookedReader{out: ios.Out, lines: make(chan typedLine, 1), intr: make(chan os.Signal, 1)}
	signal.Notify(c.intr, os.Interrupt)
	go c.read(&plainReader{r: bufio.NewReader(ios.In)})
	return c
}

// read hands over the lines as the terminal delivers them, so that Prompt
// can return on Ctrl-C while a read waits.
func (c *cookedReader) read(p *plainReader) {
	for {
		line, err := p.Prompt("")
		c.lines <- typedLine{line, err}
		if err != nil {
			return
		}
	}
}

func (c *cookedReader) Prompt(prompt string) (string, error) {
	io.WriteString(c.out, prompt)
	if len(c.pending) > 0 {
		l := c.pending[0]
		c.pending = c.pending[1:]
		return l.text, l.err
	}
	select {
	case l := <-c.lines:
		return l.text, l.err
	case <-c.intr:
		io.WriteString(c.out, "\n")
		return "", errInterrupt
	}
}

func (c *cookedReader) ready() (string, bool) {
	for drained := false; !drained; {
		select {
		case l := <-c.lines:
			c.pending = append(c.pending, l)
			drained = l.err != nil
		default:
			drained = true
		}
	}
	var texts []string
	for _, l := range c.pending {
		if l.err == nil {
			texts = append(texts, l.text)
		}
	}
	return firstFilled(texts)
}

func (c *cookedReader) AppendHistory(string) {}

// Close gives Ctrl-C back its usual meaning.
func (c *cookedReader) Close() error {
	signal.Stop(c.intr)
	return nil
}

// plainReader reads lines from a pipe or file, without prompts.
type plainReader struct{ r *bufio.Reader }

func (p *plainReader) Prompt(string) (string, error) {
	line, err := p.r.ReadString('\n')
	if err == io.EOF && line != "" {
		err = nil
	}
	return strings.TrimRight(line, "\r\n"), err
}

// ready looks at what the pipe has already delivered.
func (p *plainReader) ready() (string, bool) {
	b, _ := p.r.Peek(p.r.Buffered())
	return firstFilled(strings.Split(string(b), "\n"))
}

func (p *plainReader) AppendHistory(string) {}
func (p *plainReader) Close() error         { return nil }

// linerReader edits lines on a terminal and keeps their history.
type linerReader struct {
	st      *liner.State
	ios     *IOStreams
	path    string
	keep    bool   // leave path as it is: loadHistory could not read it
	restore func() // undoes filterStdin
}

func (l *linerReader) Prompt(prompt string) (string, error) {
	line, err := l.st.Prompt(prompt)
	if errors.Is(err, liner.ErrPromptAborted) {
		return "", errInterrupt
	}
	return line, err
}

func (l *linerReader) AppendHistory(entry string) { l.st.AppendHistory(entry) }

// Close restores the terminal and saves the history, unless it could not
// be read; failing to save is worth a warning, not an error.
func (l *linerReader) Close() error {
	defer func() {
		l.st.Close()
		if l.restore != nil {
			l.restore()
		}
	}()
	if l.keep {
		return nil // loadHistory said why
	}
	if err := l.saveHistory(); err != nil {
		l.ios.Warnf("cannot save history: %v", err)
	}
	return nil
}

func (l *linerReader) saveHistory() error {
	if l.path == "" {
		return errors.New("neither XDG_STATE_HOME nor HOME is set")
	}
	if err := os.MkdirAll(filepath.Dir(l.path), 0o700); err != nil {
		return err
	}
	return replaceFile(l.path, func(w io.Writer) error {
		_, err := l.st.WriteHistory(w)
		return err
	})
}

// replaceFile writes path whole or not at all: into a new file in the
// same folder, renamed over path once written and synced. A failed write
// (a full disk) leaves the old history as it was, and two sessions ending
// at once each leave a whole file, the last one's.
func replaceFile(path string, write func(io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	if err = f.Chmod(0o600); err == nil {
		if err = write(f); err == nil {
			err = f.Sync()
		}
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// historyPath is $XDG_STATE_HOME/crib/history, by default under
// ~/.local/state.
func historyPath(ios *IOStreams) string {
	dir := ios.Getenv("XDG_STATE_HOME")
	if dir == "" {
		home := ios.Getenv("HOME")
		if home == "" {
			return ""
		}
		dir = filepath.Join(home, ".local", "state")
	}
	return filepath.Join(dir, "crib", "history")
}
