package botocore

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestDocs(t *testing.T) {
	dir := t.TempDir()
	model := `{"documentation": "top", "operations": {"Op": {"documentation": "op <p>doc</p>", "name": "Op"}}, "shapes": [{"documentation": "shape"}]}`
	if err := os.MkdirAll(filepath.Join(dir, "svc", "2020-01-01"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "svc", "2020-01-01", "service-2.json"), []byte(model), 0o644); err != nil {
		t.Fatal(err)
	}
	var got []string
	if err := Docs(dir, func(s string) { got = append(got, s) }); err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	if want := []string{"op <p>doc</p>", "shape", "top"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if err := Docs(t.TempDir(), func(string) {}); err == nil {
		t.Error("a folder without models gave no error")
	}
}
