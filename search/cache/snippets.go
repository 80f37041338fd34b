package cache

import (
	"encoding/binary"
	"fmt"

	"github.com/crib-dev/crib/corpus"
)

// snippetFields are the u32 fields of a snippet in a snapshot: text,
// heading, context, source, line, tags, services (see Services),
// expansion (see Expansion).
const snippetFields = 8

// snippetTable reads the snippets of a snapshot where they lie, one at a
// time as a question asks for them: a search.SnippetSource. Its tables
// were checked when the snapshot was read, so reading cannot fail.
type snippetTable struct {
	blob    string // the bytes of every string
	strOff  []byte // u32 offsets into blob, one more than the strings
	listOff []byte // u32 offsets into listIDs, one more than the lists
	listIDs []byte // u32 string ids
	recs    []byte // snippetFields u32 per snippet
	n       int
	// expanded says the snippets' note expansions were made when the
	// snapshot was written (see Expanded).
	expanded bool
	// shown renames the source of a file's snippets (by the id of the
	// source string) to the path the notes name that file by now.
	shown map[uint32]string
}

// Len returns the number of snippets.
func (t *snippetTable) Len() int { return t.n }

// Snippet decodes snippet i.
func (t *snippetTable) Snippet(i int) corpus.Snippet {
	rec := t.recs[i*4*snippetFields:]
	field := func(k int) uint32 { return binary.LittleEndian.Uint32(rec[4*k:]) }
	s := corpus.Snippet{
		Text:    t.str(field(0)),
		Heading: t.list(field(1)),
		Context: t.list(field(2)),
		Source:  t.str(field(3)),
		Line:    int(field(4)),
		Tags:    t.list(field(5)),
	}
	if p, ok := t.shown[field(3)]; ok {
		s.Source = p
	}
	return s
}

// Services returns the services snippet i's text names, found by the
// built-in thesaurus when the snapshot was written: a search.ServiceSource.
func (t *snippetTable) Services(i int) []string {
	return t.list(binary.LittleEndian.Uint32(t.recs[i*4*snippetFields+24:]))
}

// Expanded reports whether the snapshot holds the snippets' note
// expansions: a search.ExpansionSource.
func (t *snippetTable) Expanded() bool { return t.expanded }

// Expansion returns the words snippet i's note expansion adds, made from
// the built-in notes when the snapshot was written.
func (t *snippetTable) Expansion(i int) []string {
	return t.list(binary.LittleEndian.Uint32(t.recs[i*4*snippetFields+28:]))
}

// slice decodes n snippets from first on.
func (t *snippetTable) slice(first, n int) []corpus.Snippet {
	out := make([]corpus.Snippet, n)
	for i := range out {
		out[i] = t.Snippet(first + i)
	}
	return out
}

func (t *snippetTable) strings() int { return len(t.strOff)/4 - 1 }
func (t *snippetTable) lists() int   { return len(t.listOff)/4 - 1 }

// str returns string i. Its bounds are checked, cheaply, so that a
// snapshot read without checking its tables (a trusted one) cannot make
// it panic: a reference out of range reads "".
func (t *snippetTable) str(i uint32) string {
	if uint64(i)+2 > uint64(len(t.strOff))/4 {
		return ""
	}
	from, to := binary.LittleEndian.Uint32(t.strOff[4*i:]), binary.LittleEndian.Uint32(t.strOff[4*i+4:])
	if from > to || int64(to) > int64(len(t.blob)) {
		return ""
	}
	return t.blob[from:to]
}

// list returns list k; 0 is nil, so nil and empty lists stay apart.
func (t *snippetTable) list(k uint32) []string {
	if k == 0 {
		return nil
	}
	if uint64(k)+1 > uint64(len(t.listOff))/4 {
		return []string{} // out of range, in a trusted snapshot: see str
	}
	from, to := binary.LittleEndian.Uint32(t.listOff[4*k-4:]), binary.LittleEndian.Uint32(t.listOff[4*k:])
	if from > to || int64(to) > int64(len(t.listIDs))/4 {
		return []string{}
	}
	out := make([]string, to-from)
	for j := range out {
		out[j] = t.str(binary.LittleEndian.Uint32(t.listIDs[4*(int(from)+j):]))
	}
	return out
}

// check checks every reference of the lists and snippets, so that
// Snippet never reads out of range.
func (t *snippetTable) check() error {
	nstr, nlist := uint32(t.strings()), uint32(t.lists())
	for i := 0; i < len(t.listIDs); i += 4 {
		if binary.LittleEndian.Uint32(t.listIDs[i:]) >= nstr {
			return fmt.Errorf("%w: %s: list reference out of range", errCorrupt, snapshotName)
		}
	}
	for i := 0; i < len(t.recs); i += 4 * snippetFields {
		r := t.recs[i:]
		text, heading, context := binary.LittleEndian.Uint32(r), binary.LittleEndian.Uint32(r[4:]), binary.LittleEndian.Uint32(r[8:])
		source, tags, services := binary.LittleEndian.Uint32(r[12:]), binary.LittleEndian.Uint32(r[20:]), binary.LittleEndian.Uint32(r[24:])
		expansion := binary.LittleEndian.Uint32(r[28:])
		if text >= nstr || source >= nstr || heading > nlist || context > nlist || tags > nlist || services > nlist || expansion > nlist {
			return fmt.Errorf("%w: %s: snippet %d refers out of range", errCorrupt, snapshotName, i/(4*snippetFields))
		}
	}
	return nil
}

// respell shows the snippets of each file under the path the notes name
// it by now, when the index was built through another spelling.
func (t *snippetTable) respell(m *manifest, notes *noteSet) {
	if notes.builtin() {
		return
	}
	shown := make(map[string]string, len(notes.files))
	for i, f := range notes.files {
		shown[notes.keys[i]] = f.Path
	}
	for _, e := range m.Files {
		p, ok := shown[e.Path]
		if !ok || e.Count == 0 {
			continue
		}
		rec := t.recs[e.First*4*snippetFields:]
		id := binary.LittleEndian.Uint32(rec[12:])
		if t.str(id) == p {
			continue
		}
		if t.shown == nil {
			t.shown = map[uint32]string{}
		}
		t.shown[id] = p
	}
}
