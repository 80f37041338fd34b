package analysis

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"sync"
)

// englishGz lists common English words (see data/english.COPYRIGHT). A
// question word that is real English but absent from the notes ("slack",
// "market") is left alone rather than "corrected" to a note word a letter
// away ("stack", "marker").
//
//go:embed data/english.txt.gz
var englishGz []byte

// english is decompressed on first use: only questions with a word the
// notes lack pay for it.
var englishWords = sync.OnceValue(func() map[string]bool {
	words := map[string]bool{}
	zr, err := gzip.NewReader(bytes.NewReader(englishGz))
	if err != nil {
		return words
	}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		words[sc.Text()] = true
	}
	return words
})

// IsEnglish reports whether the lower-case word is a dictionary word.
func IsEnglish(w string) bool { return englishWords()[w] }
