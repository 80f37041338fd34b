package cmd

import (
	"fmt"
	"strings"
	"sync"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search"
)

// warmEngine keeps one engine open across calls: the server's notes, or
// the notes the last call named, as they were on disk when it opened
// them. Calls take turns.
type warmEngine struct {
	mu   sync.Mutex
	open func(sourceOptions) engineFunc
	// stamp says what the notes hold on disk now (see notesStamp).
	stamp   func(sourceOptions) string
	base    sourceOptions
	key     string
	eng     *search.Engine
	release func()
}

// with runs f with the engine of notes (none: the server's own), opening
// it only when the notes differ from the last call's or were edited since
// it opened them: an assistant must not cite lines that are gone.
func (w *warmEngine) with(notes []string, f func(engineFunc) error) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	src := w.base
	if len(notes) > 0 {
		src.Notes = notes
	}
	key := strings.Join(src.Notes, "\x00") + "\x01" + w.stamp(src)
	if w.eng == nil || key != w.key {
		w.closeLocked()
		eng, release, err := w.open(src)()
		if err != nil {
			return err
		}
		w.eng, w.release, w.key = eng, release, key
	}
	kept := func() (*search.Engine, func(), error) { return w.eng, func() {}, nil }
	return f(kept)
}

// notesStamp says what the notes of src hold on disk now, as cheaply as
// the cache checks an index before each question: every file's path,
// size and modification time, and what the ignore files leave out. Two
// stamps differ when a file was edited, added or removed. The built-in
// notes change only with crib: their stamp is "". It says nothing: it
// runs before every question and tool call, and what is wrong with the
// notes is said once, when they open (review 9 #3).
func notesStamp(ios *IOStreams, src sourceOptions) string {
	notes, err := src.notes(ios.silenced())
	if err != nil || len(notes.Paths) == 0 {
		return ""
	}
	r, err := corpus.ResolveKeyed(notes.Paths, notes.Options)
	if err != nil {
		return "unreadable: " + err.Error() // opening says why
	}
	var b strings.Builder
	for _, f := range r.Files {
		fmt.Fprintf(&b, "%s\x00%d\x00%d\n", f.Path, f.Size, f.ModTime)
	}
	b.Write(r.Fingerprint)
	return b.String()
}

func (w *warmEngine) close() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.closeLocked()
}

func (w *warmEngine) closeLocked() {
	if w.eng != nil {
		w.release()
		w.eng, w.release = nil, nil
	}
}
