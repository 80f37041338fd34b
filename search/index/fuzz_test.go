package index

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/crib-dev/crib/corpus"
)

// FuzzOpenSegment: whatever an index's segment file holds, opening it and
// searching it return an error (ErrDamaged where zap panics) or answers;
// they never crash. Open checks zap's own CRC-32 first: zap checks only
// sizes, and a damaged doc-values header once made it ask for 8 TB, a
// fatal error no recover catches (testdata/fuzz holds that input). The
// cache checks every byte against its own checksum and opens with
// OpenChecked.
func FuzzOpenSegment(f *testing.F) {
	snippets := []corpus.Snippet{
		{Text: "CodeDeploy lifecycle hooks run in order: BeforeInstall, AfterInstall."},
		{Text: "Rotate IAM access keys automatically with Secrets Manager.", Heading: []string{"IAM"}},
		{Text: "A StackSet drift check", Context: []string{"CloudFormation:"}},
		{Text: "S3 lifecycle rules expire objects."},
	}
	dir := filepath.Join(f.TempDir(), "index")
	st, err := Write(dir, snippets, nil, nil, nil, nil)
	if err != nil {
		f.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, segmentName))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add(data[:len(data)/2])
	f.Add(data[len(data)/3:])
	spoilt := append([]byte(nil), data...)
	for i := len(spoilt) / 8; i < len(spoilt)*7/8; i++ {
		spoilt[i] = byte(i*7919 + 13)
	}
	f.Add(spoilt)
	f.Add([]byte("garbage"))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, segmentName), data, 0o644); err != nil {
			t.Fatal(err)
		}
		x, err := Open(dir, len(snippets))
		if err != nil {
			return
		}
		defer x.Close()
		s := x.Searcher(st)
		for _, q := range []string{"codedeploy lifecycle hooks", "rotate access keys", "stackset drift"} {
			for _, byID := range []bool{false, true} {
				s.Search(Request{Query: matchAll(q), Size: 3, Explain: true, ByID: byID}) // an error is fine

			}
		}
	})
}
