package cache

import "testing"

func TestDefaultDir(t *testing.T) {
	for _, tt := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"XDG_CACHE_HOME": "/c", "HOME": "/h"}, "/c/crib"},
		{map[string]string{"XDG_CACHE_HOME": "rel", "HOME": "/h"}, "/h/.cache/crib"},
		{map[string]string{"HOME": "/h"}, "/h/.cache/crib"},
		{map[string]string{}, ""},
	} {
		if got := DefaultDir(func(k string) string { return tt.env[k] }); got != tt.want {
			t.Errorf("DefaultDir(%v) = %q, want %q", tt.env, got, tt.want)
		}
	}
}

func TestFindBuildID(t *testing.T) {
	elf := append([]byte("\x7fELF....\x04\x00\x00\x00\x05\x00\x00\x00\x04\x00\x00\x00Go\x00\x00"), "abcde..."...)
	for _, tt := range []struct {
		in   []byte
		want string
	}{
		{elf, "abcde"},
		{[]byte("xx\xff Go build ID: \"a/b\"\n \xff"), "a/b"},
		{[]byte("nothing here"), ""},
	} {
		if got := findBuildID(tt.in); got != tt.want {
			t.Errorf("findBuildID(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if id := ExecutableID(); id == "" || id == "unknown" {
		t.Errorf("ExecutableID() = %q", id)
	}
}
