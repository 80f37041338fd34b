package corpus

import (
	"path/filepath"
	"testing"
)

// TestJoinName: a name joined to a folder of the walk as filepath.Join
// joins them.
func TestJoinName(t *testing.T) {
	for _, dir := range []string{"", ".", "./", "/", "notes", "notes/", "./notes//a/", "/abs/notes", "../up", "a/../b", "//x"} {
		if got, want := joinName(dir, "n.md"), filepath.Join(dir, "n.md"); got != want {
			t.Errorf("joinName(%q) = %q, want %q", dir, got, want)
		}
	}
}
