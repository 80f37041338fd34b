package cmd

import (
	"fmt"
	"strings"
)

// inputMatrixCases are the bad synonyms files and environments of issue
// 15 (items 5 and 10): each ends in an answer or one clear line.
func inputMatrixCases() []matrixCase {
	synonymsFile := func(data string) func(*matrixEnv) []string {
		return func(m *matrixEnv) []string {
			return []string{"--notes", m.awsNotes(), "--synonyms", m.write("syn.txt", data), "warm pool"}
		}
	}
	return []matrixCase{
		{name: "synonyms file is /dev/zero", setup: func(m *matrixEnv) []string {
			return []string{"--notes", m.awsNotes(), "--synonyms", "/dev/zero", "warm pool"}
		}, code: ExitError, want: "cannot read synonyms file /dev/zero: not a regular file"},
		{name: "user synonyms file is a FIFO", setup: func(m *matrixEnv) []string {
			m.mkdir("config/crib")
			m.fifo("config/crib/synonyms.txt")
			return []string{"--notes", m.awsNotes(), "warm pool"}
		}, code: ExitError, want: "cannot read synonyms file $TMP/config/crib/synonyms.txt: not a regular file"},
		{name: "synonyms file over 4 MiB", setup: synonymsFile(strings.Repeat("# padding\n", 420000)),
			code: ExitError, want: "cannot read synonyms file $TMP/syn.txt: larger than 4 MiB"},
		{name: "synonyms line of 65 alternatives", setup: synonymsFile("a, b\n" + alternatives(65) + "\n"),
			code: ExitError, want: "bad synonyms file $TMP/syn.txt:2: 65 terms on one line, more than 64"},
		{name: "synonyms line of 2,000 alternatives", setup: synonymsFile(alternatives(2000) + "\n"),
			code: ExitError, want: "bad synonyms file $TMP/syn.txt:1: line too long: over 4096 bytes"},
		{name: "synonyms weight NaN", setup: synonymsFile("#@weight NaN\nwarm pool, standby fleet\n"),
			code: ExitError, want: `bad synonyms file $TMP/syn.txt:1: #@weight wants a number in (0, 1], got "NaN"`},
		{name: "synonyms file of 100,000 lines", setup: synonymsFile(manyLines(100000)),
			code: ExitError, want: "bad synonyms file $TMP/syn.txt:10001: more than 20000 terms in the file"},
		{name: "synonyms: 9,000 lines share one term", setup: func(m *matrixEnv) []string {
			var b strings.Builder
			for i := range 9000 {
				fmt.Fprintf(&b, "zz%d, warm\n", i)
			}
			return synonymsFile(b.String())(m)
		}, want: warmPool},
		{name: "CRIB_NOTES holds no path", setup: func(m *matrixEnv) []string {
			m.env["CRIB_NOTES"] = ":::"
			return []string{"sns"}
		}, code: ExitError, want: `CRIB_NOTES holds no path: ":::"`},
		{name: "relative XDG_CONFIG_HOME is ignored", setup: func(m *matrixEnv) []string {
			m.write("rel/crib/synonyms.txt", "lonely\n") // would stop crib if read
			m.write("home/.config/crib/synonyms.txt", "zorblax, warm pool\n")
			m.env["XDG_CONFIG_HOME"] = "rel"
			return []string{"--notes", m.awsNotes(), "zorblax"}
		}, want: warmPool},
	}
}

// alternatives is one synonyms line of n short terms.
func alternatives(n int) string {
	terms := make([]string, n)
	for i := range terms {
		terms[i] = fmt.Sprintf("alt%d", i)
	}
	return strings.Join(terms, ", ")
}

// manyLines is n synonyms lines of two terms each.
func manyLines(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "term%d, word%d thing\n", i, i)
	}
	return b.String()
}
