package search

import (
	"testing"
	"time"
	"os"

	"github.com/crib-dev/crib/corpus"
)

func TestProbeBuild(t *testing.T) {
	dir := os.Getenv("PROBE_DIR")
	if dir == "" { t.Skip() }
	t0 := time.Now()
	sn, _, err := corpus.Load([]string{dir})
	if err != nil { t.Fatal(err) }
	t1 := time.Now()
	th, _ := NewThesaurus()
	t2 := time.Now()
	e, err := Build(sn, th)
	if err != nil { t.Fatal(err) }
	t3 := time.Now()
	_, err = e.Search("codedeploy lifecycle hooks rollback", Options{})
	t4 := time.Now()
	t.Logf("n=%d load %v thes %v build %v search %v", len(sn), t1.Sub(t0), t2.Sub(t1), t3.Sub(t2), t4.Sub(t3))
}
