package corpus

import (
	"embed"
	"io/fs"
	"path"
	"strings"
)

//go:embed notes/*.md
var embedded embed.FS

// EmbeddedPrefix starts the source name of every embedded snippet.
const EmbeddedPrefix = "crib:"

// Embedded returns the snippets of crib's built-in DOP-C02 notes, file by
// file in name order. COVERAGE.md, which maps the notes to the user notes
// they were written from, is not part of the corpus.
func Embedded() []Snippet {
	var out []Snippet
	for _, name := range EmbeddedFiles() {
		data, err := fs.ReadFile(embedded, path.Join("notes", name))
		if err != nil {
			panic("corpus: embedded notes unreadable: " + err.Error()) // cannot happen: embedded at build time
		}
		out = append(out, ParseMarkdown(EmbeddedPrefix+name, data)...)
	}
	return out
}

// EmbeddedFiles lists the embedded notes files by name, sorted.
func EmbeddedFiles() []string {
	entries, _ := fs.ReadDir(embedded, "notes")
	var names []string
	for _, e := range entries {
		if !strings.EqualFold(e.Name(), "COVERAGE.md") {
			names = append(names, e.Name())
		}
	}
	return names
}

// EmbeddedData returns the embedded notes, concatenated, for fingerprints.
func EmbeddedData() []byte {
	var b []byte
	for _, name := range EmbeddedFiles() {
		data, _ := fs.ReadFile(embedded, path.Join("notes", name))
		b = append(b, data...)
	}
	return b
}
