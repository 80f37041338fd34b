// Package search answers questions over note snippets: questions read
// (package search/question) and expanded through the thesaurus into one
// bleve query over the index (package search/index: crib's Snowball
// analyzer from search/analysis, BM25), then re-ranked by how much of the
// question each note covers (package search/score).
//
// An Engine answers in two steps: Rank scores the best snippets for a
// question (cheap), and Answer decorates a ranking for showing
// (highlights, services, child items, related services). Search does
// both. Build indexes snippets in memory; index.Write, index.Open and Open
// let package search/cache keep indexes on disk. An engine always has a
// thesaurus: Build and Open use the built-in one when given none.
//
// It prints nothing and writes files only where index.Write is told to:
// package corpus reads and parses the notes (read-only), search/cache
// manages the files on disk, search/check weighs practice-exam options,
// and package cmd shows the answers.
//
// # Process-wide settings
//
// Importing search sets bleve's searcher.DisjunctionHeapTakeover to
// math.MaxInt, for every bleve index in the process. bleve sums the
// clauses of a disjunction in the order of a heap once it has more than
// DisjunctionHeapTakeover of them. That order follows the index's internal
// document numbers, which follow Go's map order as a batch is indexed, so
// equal scores came out unequal in the last bit and ties broke differently
// from one build of the same notes to the next. Summing in clause order
// makes every score a function of the notes and the question alone.
//
// Building an index (Build, index.Write) turns the garbage collector on
// for the build's duration when the process had turned it off, as crib's
// one-shot commands do: a build allocates many times what it keeps.
//
// # Format versions
//
// These constants describe data that outlives one run of crib. When the
// terms the analyzer produces change, bump them together:
//
//   - analysis.Version: the terms analysis.Analyze produces. It is part of
//     the compiled thesaurus's tag (synonyms.BuiltinTag), so run
//     `make generate` to recompile search/data/thesaurus.txt.
//   - cache.FormatVersion: the layout of a cache entry and the analysis
//     its index holds; a new version gets new cache entries.
//   - the cache's snapshotVersion (search/cache/snapshot.go): the layout of
//     the snippets and vocabulary file, checked on every read.
//   - synonyms' compiledHeader ("crib-thesaurus N", synonyms/compiled.go):
//     the layout of the compiled thesaurus file.
//
// Only the version whose data changed needs bumping when the analyzer
// stays the same; `make wordnet` regenerates synonyms/data/wordnet.txt
// from WordNet, after which `make generate` recompiles the thesaurus.
package search
