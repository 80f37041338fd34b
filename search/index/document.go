package index

import (
	"slices"
	"strings"

	blevedocument "github.com/blevesearch/bleve/v2/document"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search/analysis"
)

// fieldOptions are the options newMapping gives every field: indexed with
// term vectors, not stored, no doc values.
const fieldOptions = bleveindex.IndexField | bleveindex.IncludeTermVectors

// docMaker makes the bleve documents of snippets, as newMapping would, and
// counts their vocabulary, analysing each text once: bleve's mapping ran
// the analyzer once for the text field, again for the parts field, and
// the vocabulary a third time over text and headings. A heading path or a
// context is analysed once for the run of snippets that share it (every
// item of a section shares its headings). Each indexing worker has its
// own maker; it is not safe for concurrent use.
type docMaker struct {
	voc              *Vocabulary
	seen             termSet // the terms of the snippet being counted
	heading, context sharedField
	analysed         Analysed // see Write
}

func newDocMaker() *docMaker {
	v := NewVocabulary()
	v.counted = true
	return &docMaker{voc: v}
}

// sharedField is the analysis of the last heading path or context seen.
type sharedField struct {
	valid  bool
	parts  []string
	joined string // the parts joined by " / ", as the index holds them
	toks   []analysis.Token
	// value, freqs and length are what a document's field of it holds,
	// made for document only (a build's post adds toks straight), when
	// counted is set
	counted bool
	value   []byte                      // joined, shared read-only by the documents
	freqs   bleveindex.TokenFrequencies // shared read-only by the documents
	length  int
}

func (f *sharedField) analyse(parts []string) {
	if f.valid && slices.Equal(parts, f.parts) {
		return
	}
	f.valid, f.parts = true, parts
	f.joined = strings.Join(parts, " / ")
	f.toks = analysis.Analyze(f.joined)
	f.counted, f.value, f.freqs, f.length = false, nil, nil, 0
}

// count makes the field's value, freqs and length, once.
func (f *sharedField) count() {
	if !f.counted {
		f.counted, f.value = true, []byte(f.joined)
		f.freqs, f.length = frequencies(f.toks, keepAll)
	}
}

// document returns snippet s as bleve's mapping would index it under
// DocID(i) less its fields without terms (see
// TestDocMakerAgreesWithMapping), and counts its words.
func (m *docMaker) document(i int, s corpus.Snippet) *blevedocument.Document {
	toks := analysis.Analyze(s.Text)
	if m.analysed != nil {
		m.analysed(i, toks)
	}
	m.heading.analyse(s.Heading)
	m.context.analyse(s.Context)
	m.count(s.Text, toks)
	value := []byte(s.Text)
	doc := blevedocument.NewDocument(DocID(i))
	freqs, n := frequencies(toks, func(t analysis.Token) bool { return !t.Part })
	addField(doc, FieldText, value, freqs, n)
	freqs, n = frequencies(toks, func(t analysis.Token) bool { return t.Part })
	addField(doc, FieldParts, value, freqs, n)
	m.context.count()
	m.heading.count()
	addField(doc, FieldContext, m.context.value, m.context.freqs, m.context.length)
	addField(doc, FieldHeading, m.heading.value, m.heading.freqs, m.heading.length)
	doc.SetIndexed()
	return doc
}

// post adds snippet s to a as document num, its fields as document
// would make them under DocID(i), and counts its words (see
// TestWriterAgreesWithZap).
func (m *docMaker) post(a *postings, num uint32, i int, s corpus.Snippet) {
	toks := analysis.Analyze(s.Text)
	if m.analysed != nil {
		m.analysed(i, toks)
	}
	m.heading.analyse(s.Heading)
	m.context.analyse(s.Context)
	a.addTokens(FieldText, num, toks, func(t analysis.Token) bool { return !t.Part })
	a.text = append(a.text[:0], a.tokens...)
	a.addTokens(FieldParts, num, toks, func(t analysis.Token) bool { return t.Part })
	// the postings of each token of the text, in order, whose records
	// in the tally the count looks up only once a term
	byToken := a.byToken[:0]
	i, j := 0, 0
	for _, t := range toks {
		if t.Part {
			byToken = append(byToken, a.tokens[j])
			j++
		} else {
			byToken = append(byToken, a.text[i])
			i++
		}
	}
	a.byToken = byToken
	m.countWith(s.Text, toks, a, byToken)
	a.addTokens(FieldContext, num, m.context.toks, keepAll)
	a.addTokens(FieldHeading, num, m.heading.toks, keepAll)
}

func keepAll(analysis.Token) bool { return true }

// addField adds a field that has terms. A field without any is left out:
// it adds no posting, so no question can tell, and no statistic counts it
// (fieldStats counts distinct terms), but bleve spent a map, a field and
// its visits on it. Most snippets of a long list have no parts, context
// or heading: leaving them out took a third off indexing a million items.
func addField(doc *blevedocument.Document, name string, value []byte, freqs bleveindex.TokenFrequencies, length int) {
	if length > 0 {
		doc.AddField(&frozenField{name: name, value: value, length: length, freqs: freqs})
	}
}

// count counts the words of one snippet, as Vocabulary.add does with its
// text and headings analysed together.
func (m *docMaker) count(text string, toks []analysis.Token) {
	m.countWith(text, toks, nil, nil)
}

// countWith is count, the text's tokens' postings in a being byToken
// (see tally.countWith), when a is set.
func (m *docMaker) countWith(text string, toks []analysis.Token, a *postings, byToken []*postingsBuf) {
	m.seen.reset()
	m.voc.countSpanWith(text, toks, &m.seen, a, byToken)
	if len(m.heading.parts) == 0 {
		return
	}
	// Analysed after the text, the headings start inside code when the
	// text leaves a backquote open; a leading one has the same effect.
	// How the parts are joined does not matter: a space ends a word, and
	// "/" between spaces is none.
	if strings.Count(text, "`")%2 == 1 {
		h := "`" + m.heading.joined
		m.voc.countSpan(h, analysis.Analyze(h), &m.seen)
		return
	}
	m.voc.countSpan(m.heading.joined, m.heading.toks, &m.seen)
}

// frozenField is a text field of the document newMapping makes, its
// tokens counted already: bleve's TextField counted them again into a map
// of term frequencies for every document (a fifth of what a build
// allocated), and did so for a heading path once per snippet under it.
// Its frequencies are only read by the segment being built, so the
// snippets of a section share those of their headings.
type frozenField struct {
	name   string
	value  []byte
	length int
	freqs  bleveindex.TokenFrequencies
}

// noArrayPositions is what bleve's mapping gives a field outside any array.
var noArrayPositions = []uint64{}

func (f *frozenField) Name() string                                          { return f.name }
func (f *frozenField) ArrayPositions() []uint64                              { return noArrayPositions }
func (f *frozenField) Options() bleveindex.FieldIndexingOptions              { return fieldOptions }
func (f *frozenField) Analyze()                                              {}
func (f *frozenField) Value() []byte                                         { return f.value }
func (f *frozenField) Text() string                                          { return string(f.value) }
func (f *frozenField) NumPlainTextBytes() uint64                             { return uint64(len(f.value)) }
func (f *frozenField) AnalyzedLength() int                                   { return f.length }
func (f *frozenField) AnalyzedTokenFrequencies() bleveindex.TokenFrequencies { return f.freqs }
func (f *frozenField) EncodedFieldType() byte                                { return 't' }
func (f *frozenField) Size() int                                             { return len(f.name) + len(f.value) + f.freqs.Size() }

// frequencies counts the tokens keep accepts as bleve's TokenFrequency
// does for a field with term vectors, allocating the terms, their
// locations and their lists together. It returns the number of tokens.
func frequencies(toks []analysis.Token, keep func(analysis.Token) bool) (bleveindex.TokenFrequencies, int) {
	n, size := 0, 0
	for _, t := range toks {
		if keep(t) {
			n, size = n+1, size+len(t.Term)
		}
	}
	if n == 0 {
		return nil, 0
	}
	freqs := make(bleveindex.TokenFrequencies, n)
	locs := make([]bleveindex.TokenLocation, n)
	ptrs := make([]*bleveindex.TokenLocation, n)
	tfs := make([]bleveindex.TokenFreq, 0, n)
	terms := make([]byte, 0, size)
	// The first pass counts each term's tokens, the second carves the
	// lists of locations out of ptrs, in token order.
	kept := make([]*bleveindex.TokenFreq, 0, n) // the TokenFreq of each kept token
	for _, t := range toks {
		if !keep(t) {
			continue
		}
		tf := freqs[t.Term]
		if tf == nil {
			at := len(terms)
			terms = append(terms, t.Term...)
			tfs = append(tfs, bleveindex.TokenFreq{Term: terms[at:len(terms):len(terms)]})
			tf = &tfs[len(tfs)-1]
			freqs[t.Term] = tf
		}
		tf.SetFrequency(tf.Frequency() + 1)
		kept = append(kept, tf)
	}
	next := 0
	for i := range tfs {
		tf := &tfs[i]
		tf.Locations = ptrs[next : next : next+tf.Frequency()]
		next += tf.Frequency()
	}
	i := 0
	for _, t := range toks {
		if !keep(t) {
			continue
		}
		locs[i] = bleveindex.TokenLocation{ArrayPositions: noArrayPositions, Start: t.Start, End: t.End, Position: t.Pos}
		kept[i].Locations = append(kept[i].Locations, &locs[i])
		i++
	}
	return freqs, n
}
