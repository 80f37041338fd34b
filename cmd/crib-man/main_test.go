package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestManPagesNameTheLicence(t *testing.T) {
	dir := t.TempDir()
	if err := run(dir); err != nil {
		t.Fatal(err)
	}
	for _, page := range []string{"crib.1", "crib-check.1", "crib-service.1"} {
		data, err := os.ReadFile(filepath.Join(dir, page))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), "MIT licence") {
			t.Errorf("%s does not name the licence", page)
		}
	}
}
