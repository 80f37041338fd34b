// Package analysis turns text into the terms crib indexes and searches:
// words split at joiners and camelCase humps, lower case, stop words
// dropped, British spellings made American and Snowball English stemming,
// plus the lists of exam boilerplate and common English words that
// ranking and typo correction consult. It is pure text processing: it
// knows nothing of bleve, indexes or notes files (package search registers
// Analyze with bleve).
package analysis

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
)

// Version names the terms Analyze produces. Change it whenever they change,
// together with every constant that records analysed terms (listed under
// "Format versions" in package search's documentation), so that data made
// by an older analyzer is never used.
const Version = 5 // 5: British whole-word spellings (behaviour, licence, centre) made American

// Token is one indexed term of analysed text.
type Token struct {
	Term  string // lower case; stemmed unless protected
	Pos   int    // 1-based position; a compound and its first part share one
	Start int    // byte offset in the input
	End   int
	// Whole marks the whole form of a compound identifier, indexed beside
	// its parts.
	Whole bool
	// Part marks a part of an identifier (Pending of Pending:Wait,
	// Application of `ApplicationStart`). Parts are weaker evidence than
	// words of prose and are indexed in a field of their own.
	Part bool
}

// Analyze splits text into terms the way crib indexes and queries it:
//   - words are runs of letters and digits; identifiers joined by _ : - . /
//     (AWS_RISK_CREDENTIALS_EXPOSED, Pending:Wait, iam:passrole,
//     s3-bucket-ssl-requests-only) and long or quoted camelCase names
//     (LambdaCanary10Percent10Minutes, `AllowTraffic`) are kept whole and
//     also split into their parts, so both find them;
//   - terms are lower-cased, English stop words dropped (positions kept),
//     and the rest stemmed with Snowball English, except short words and
//     words with digits, so AWS, ECS and SNS stay themselves.
func Analyze(text string) []Token {
	var out []Token
	pos := 0
	inCode := false
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == '`' {
			inCode = !inCode
		}
		if !isWordRune(r) {
			i += size
			continue
		}
		end := wordEnd(text, i)
		out, pos = appendWord(out, text[i:end], i, pos, inCode)
		i = end
	}
	return out
}

// PhraseTerms returns the terms of text as a phrase: the parts of compound
// identifiers without their whole forms, in order.
func PhraseTerms(text string) []string {
	var out []string
	for _, t := range Analyze(text) {
		if !t.Whole {
			out = append(out, t.Term)
		}
	}
	return out
}

// Terms returns just the terms of Analyze(text).
func Terms(text string) []string {
	toks := Analyze(text)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Term
	}
	return out
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isJoiner(b byte) bool {
	return b == '_' || b == ':' || b == '-' || b == '.' || b == '/'
}

// wordEnd returns the end of the word starting at i: letters and digits,
// with joiners allowed between them.
func wordEnd(text string, i int) int {
	end := i
	for end < len(text) {
		r, size := utf8.DecodeRuneInString(text[end:])
		if isWordRune(r) {
			end += size
			continue
		}
		j := end
		for j < len(text) && isJoiner(text[j]) {
			j++
		}
		if j == end || j-end > 2 || j >= len(text) {
			break
		}
		if next, _ := utf8.DecodeRuneInString(text[j:]); !isWordRune(next) {
			break
		}
		end = j
	}
	return end
}

// CodeMark starts the term of a single word quoted as code. Such a word
// is indexed both as a word and, marked, as written.
const CodeMark = "`"

// appendWord adds the terms of one word at byte offset off.
func appendWord(out []Token, word string, off, pos int, inCode bool) ([]Token, int) {
	parts, ident := splitWord(word, inCode)
	if len(parts) > 1 {
		out = append(out, Token{Term: strings.ToLower(word), Pos: pos + 1, Start: off, End: off + len(word), Whole: true})
	}
	pieces := compoundPieces(word, parts)
	for _, p := range parts {
		pos++
		for _, pc := range pieces[p[0]] {
			out = append(out, Token{Term: strings.ToLower(word[pc[0]:pc[1]]), Pos: pos, Start: off + pc[0], End: off + pc[1], Whole: true})
		}
		term := normalize(word[p[0]:p[1]])
		if term == "" {
			continue
		}
		out = append(out, Token{Term: term, Pos: pos, Start: off + p[0], End: off + p[1], Part: ident && len(parts) > 1})
	}
	if len(parts) == 1 && inCode {
		// A name quoted as code (`Catch`, `DELETED`, `resources`) is also
		// kept as written, marked, so that a question that says it exactly
		// finds where it stands as a name first.
		out = append(out, Token{Term: CodeMark + strings.ToLower(word), Pos: pos, Start: off, End: off + len(word), Whole: true})
	}
	return out, pos
}

// compoundPieces finds, in a compound joined by _ : - . or /, the pieces
// and leading runs of pieces that are compounds themselves (ForEach of
// Fn::ForEach, CryptoCurrency:EC2 of CryptoCurrency:EC2/BitcoinTool.B),
// by the offset of their first part: their whole forms are indexed too,
// so that each is found when asked for alone.
func compoundPieces(word string, parts [][2]int) map[int][][2]int {
	if len(parts) < 3 {
		return nil
	}
	out := map[int][][2]int{}
	start := 0
	for i := 0; i <= len(word); i++ {
		if i < len(word) && !isJoiner(word[i]) {
			continue
		}
		if i > start && i-start < len(word) && partsWithin(parts, start, i) > 1 {
			out[start] = append(out[start], [2]int{start, i})
		}
		if i > start && start > 0 && i < len(word) {
			out[0] = append(out[0], [2]int{0, i})
		}
		start = i + 1
	}
	return out
}

// partsWithin counts the parts that lie within word[from:to].
func partsWithin(parts [][2]int, from, to int) int {
	n := 0
	for _, p := range parts {
		if p[0] >= from && p[1] <= to {
			n++
		}
	}
	return n
}

// stems memoises normalize: a notes corpus uses a few thousand distinct
// words many times over, and Snowball is the costliest step of analysis.
// Analysis runs on several goroutines at once, hence the lock; a map
// under a read lock took a fifth of the time of the sync.Map it replaces,
// whose lookups were a tenth of building 100,000 snippets. Words that are
// never stemmed (short, or with digits) are not kept: a list of a million
// numbered items made it hold a million of them, 127 MB that the
// collector traced again and again. Past maxStems words it stops growing,
// so no notes make it unbounded.
var stems [stemShards]struct {
	sync.RWMutex
	m map[string]string // word as written -> term
	_ [32]byte          // a shard to a cache line (64 bytes): two shards share no line
}

// stemShards splits the memo so that the goroutines of a build, each
// taking a read lock per word, rarely touch the same lock: one lock's
// reader count, bounced between two cores, cost more than the lookups.
const (
	stemShards = 32
	maxStems   = 1 << 17
)

// stemShard picks the shard of a word by a hash of its bytes (FNV-1a).
func stemShard(part string) int {
	h := uint32(2166136261)
	for i := 0; i < len(part); i++ {
		h ^= uint32(part[i])
		h *= 16777619
	}
	return int(h % stemShards)
}

// normalize lower-cases and stems one word part; "" means a stop word.
func normalize(part string) string {
	if neverStemmed(part) {
		w := strings.ToLower(part)
		if stopWords[w] {
			return ""
		}
		return w
	}
	sh := &stems[stemShard(part)]
	sh.RLock()
	t, ok := sh.m[part]
	sh.RUnlock()
	if ok {
		return t
	}
	t = normalizeWord(part)
	sh.Lock()
	if sh.m == nil { // made on first use: package init analyses words too
		sh.m = map[string]string{}
	}
	if len(sh.m) < maxStems/stemShards {
		sh.m[part] = t
	}
	sh.Unlock()
	return t
}

// neverStemmed reports an ASCII part that normalizeWord only lower-cases:
// three letters or fewer, or with a digit. Other parts take the long way,
// where lower-casing may change their length.
func neverStemmed(part string) bool {
	digit := false
	for i := 0; i < len(part); i++ {
		c := part[i]
		if c >= 0x80 {
			return false
		}
		digit = digit || (c >= '0' && c <= '9')
	}
	return digit || len(part) <= 3
}

func normalizeWord(part string) string {
	w := strings.ToLower(part)
	if stopWords[w] {
		return ""
	}
	if len(w) <= 3 || strings.IndexFunc(w, unicode.IsDigit) >= 0 {
		return w
	}
	return english.Stem(americanize(w), true)
}

// britishEndings are -ise spellings and what they become, so that
// "utilisation" and "utilization", "optimise" and "optimize" meet. The
// rewrite is applied to notes and questions alike, so a word that only
// ever ends in -ise ("enterprise") is changed on both sides and still
// matches itself.
var britishEndings = []struct{ from, to string }{
	{"isations", "izations"}, {"isation", "ization"},
	{"ising", "izing"}, {"isers", "izers"}, {"iser", "izer"},
	{"ised", "ized"}, {"ises", "izes"}, {"ise", "ize"},
}

// britishWords are British spellings the -ise rule does not reach, as
// whole words, and their American forms: notes and questions written on
// either side of the Atlantic meet ("behaviour" and "behavior",
// "licence" and "license", "centre" and "center"). Like the endings it is
// applied to both sides, so a word only changes what it meets, never
// what it is.
var britishWords = map[string]string{
	"analyse": "analyze", "analysed": "analyzed", "analysing": "analyzing",
	"behaviour": "behavior", "behaviours": "behaviors", "behavioural": "behavioral",
	"catalogue": "catalog", "catalogues": "catalogs", "catalogued": "cataloged",
	"centre": "center", "centres": "centers", "centred": "centered",
	"colour": "color", "colours": "colors", "coloured": "colored",
	"defence": "defense", "offence": "offense",
	"dialogue": "dialog", "dialogues": "dialogs", "analogue": "analog",
	"favour": "favor", "favourite": "favorite", "favourites": "favorites",
	"fibre": "fiber", "grey": "gray", "honour": "honor", "honours": "honors",
	"judgement": "judgment", "labour": "labor", "licence": "license", "licences": "licenses",
	"litre": "liter", "litres": "liters", "metre": "meter", "metres": "meters",
	"neighbour": "neighbor", "neighbours": "neighbors", "neighbouring": "neighboring",
	"programme": "program", "programmes": "programs",
}

func americanize(w string) string {
	if a, ok := britishWords[w]; ok {
		return a
	}
	for _, e := range britishEndings {
		if stem, ok := strings.CutSuffix(w, e.from); ok && len(stem) >= 3 {
			return stem + e.to
		}
	}
	return w
}

// splitWord returns the byte ranges of a word's parts: split at joiners,
// and at camelCase humps when the word is an identifier (it has three or
// more humps, or sits in a code span). ident reports an identifier: a
// word in a code span, with _ or : in it, or split at humps; a prose
// compound such as cross-region or read/write is not one.
func splitWord(word string, inCode bool) (parts [][2]int, ident bool) {
	if isPlainWord(word) {
		return [][2]int{{0, len(word)}}, inCode
	}
	var pieces [][2]int
	start := 0
	for i := 0; i < len(word); i++ {
		if isJoiner(word[i]) {
			if i > start {
				pieces = append(pieces, [2]int{start, i})
			}
			start = i + 1
		}
	}
	pieces = append(pieces, [2]int{start, len(word)})
	var humps [][2]int
	for _, p := range pieces {
		humps = append(humps, camelHumps(word, p)...)
	}
	ident = inCode || strings.ContainsAny(word, "_:")
	for _, h := range humps {
		if h[1]-h[0] == 1 && !unicode.IsDigit(rune(word[h[0]])) {
			// A one-letter hump means an acronym such as DDoS or ACode,
			// not an identifier: keep each piece whole.
			return pieces, ident
		}
	}
	if len(pieces) > 1 || len(humps) >= 3 || (inCode && len(humps) > 1) {
		return humps, ident || len(humps) > len(pieces)
	}
	return pieces, ident
}

// camelHumps splits word[p[0]:p[1]] at lower→Upper, UPPER→Upperlower and
// letters↔digits boundaries (a short all-letter run before digits, as in
// EC2, S3 or Route53, stays joined).
func camelHumps(word string, p [2]int) [][2]int {
	s := word[p[0]:p[1]]
	if isPlainWord(s) {
		return [][2]int{p}
	}
	var out [][2]int
	start := 0
	// Most words fit the buffers on the stack: converting each word with
	// a digit or a capital to runes was 250 MB of garbage for a list of a
	// million numbered items.
	var runeBuf [32]rune
	var offBuf [33]int
	runes, offs := runeBuf[:0], offBuf[:0]
	for o, r := range s {
		runes, offs = append(runes, r), append(offs, o)
	}
	offs = append(offs, len(s))
	for i := 1; i < len(runes); i++ {
		prev, cur := runes[i-1], runes[i]
		split := false
		switch {
		case unicode.IsLower(prev) && unicode.IsUpper(cur):
			split = true
		case unicode.IsUpper(prev) && unicode.IsUpper(cur) && i+1 < len(runes) && unicode.IsLower(runes[i+1]):
			split = i-start > 1 || !unicode.IsDigit(runes[start])
		case unicode.IsDigit(prev) && unicode.IsUpper(cur) && i+1 < len(runes) && unicode.IsLower(runes[i+1]):
			split = true
		case unicode.IsLower(prev) && unicode.IsDigit(cur):
			split = i-start > 3
		}
		if split {
			out = append(out, [2]int{p[0] + offs[start], p[0] + offs[i]})
			start = i
		}
	}
	return append(out, [2]int{p[0] + offs[start], p[0] + offs[len(runes)]})
}

// isPlainWord reports an ASCII word of letters with no capital after the
// first: most prose, which has no joiners or humps to split at.
func isPlainWord(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || (c >= '0' && c <= '9') || isJoiner(c) || (i > 0 && c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// stopWords are dropped from text and questions. The list is shorter than
// the usual English one: words such as "all", "once", "before", "not" and
// "only" carry meaning in deployment notes ("all at once", "not collected
// by default"), particles make phrases ("scale in", "opt out", "built-in"),
// and BM25 already weighs common words down. "whats" and its kind are
// "what's" typed without the apostrophe.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an the and or but if then else of to at by for
		from with as into onto via per is are was were be been being am do does did doing
		have has had having i me my myself we our ours us you your yours he him his she her
		it its itself they them their theirs this that these those what which who whom whose
		how why when where there here can could would should shall will may might must
		so such than too very just also s t d ll re ve m e g eg ie etc
		whats hows whys wheres whos thats theres heres vs versus`) {
		m[w] = true
	}
	return m
}()

// IsStopWord reports whether crib ignores w (lower case) in questions.
func IsStopWord(w string) bool { return stopWords[w] }
