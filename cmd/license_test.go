package cmd

import (
	"os"
	"strings"
	"testing"
)

func TestVersionNamesLicence(t *testing.T) {
	code, out, _ := (transcript{args: []string{"--version"}}).run(t)
	if code != ExitFound || !strings.HasPrefix(out, "crib ") || !strings.Contains(out, "\nLicensed under the MIT licence; Copyright (c) 2026 the crib authors.\n") {
		t.Errorf("crib --version = %d %q", code, out)
	}
}

func TestLicenceFileIsMIT(t *testing.T) {
	data, err := os.ReadFile("../LICENSE")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), "MIT License\n\nCopyright (c) 2026 the crib authors\n") {
		t.Errorf("LICENSE starts %q", string(data)[:60])
	}
}
