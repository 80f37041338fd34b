package corpus

import (
	"fmt"
	"os"
	"testing"
)

func TestDump(t *testing.T) {
	data, _ := os.ReadFile("../../shared/notes/dop-c02-notes.md")
	for _, s := range ParseMarkdown("n", data) {
		fmt.Printf("%d %q %q %q\n", s.Line, s.Heading, s.Context, s.Text)
	}
}
