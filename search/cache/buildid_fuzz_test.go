package cache

import (
	"bytes"
	"encoding/binary"
	"io"
	"os"
	"runtime"
	"testing"
)

// FuzzFindBuildID checks that findBuildID reads any bytes without a
// panic and returns either nothing or bytes that are in its input.
func FuzzFindBuildID(f *testing.F) {
	note := func(size uint32, id string) []byte {
		b := binary.LittleEndian.AppendUint32([]byte("\x7fELF\x00\x00\x00\x00\x03\x00\x00\x00"), size)
		return append(append(b, "\x04\x00\x00\x00Go\x00\x00"...), id...)
	}
	f.Add(note(8, "abcdefgh"))
	f.Add(note(300, "too long a size"))
	f.Add(note(20, "cut short"))
	f.Add([]byte("\x04\x00\x00\x00Go\x00\x00at the very start"))
	f.Add([]byte("junk\xff Go build ID: \"abc/def\"\n"))
	f.Add([]byte("\xff Go build ID: \""))
	f.Add([]byte("\xff Go build ID: \"\""))
	if exe, err := os.Executable(); err == nil { // a real ELF header, notes and all
		if file, err := os.Open(exe); err == nil {
			b := make([]byte, 32<<10)
			n, _ := io.ReadFull(file, b)
			file.Close()
			f.Add(b[:n])
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		id := findBuildID(b)
		if id != "" && !bytes.Contains(b, []byte(id)) {
			t.Errorf("build ID %q is not in the input", id)
		}
		if len(id) >= 256 && !bytes.Contains(b, []byte("Go build ID")) {
			t.Errorf("an ELF note build ID of %d bytes", len(id))
		}
	})
}

// TestFindBuildIDOfThisBinary: on Linux the Go build ID sits in an ELF
// note in the first 32 KiB, where ExecutableID looks.
func TestFindBuildIDOfThisBinary(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("ELF only")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	file, err := os.Open(exe)
	if err != nil {
		t.Skip(err)
	}
	defer file.Close()
	b := make([]byte, 32<<10)
	n, _ := io.ReadFull(file, b)
	if id := findBuildID(b[:n]); id == "" || id != ExecutableID() {
		t.Errorf("findBuildID = %q, ExecutableID = %q; want the same build ID", id, ExecutableID())
	}
}
