// Package corpus turns notes files into snippets: one list item, paragraph,
// table row or fenced code block each, with the heading path, the nearest
// parent items and the front-matter tags that give it context, and the
// file and line it came from. It finds the notes files below the paths it
// is given, following symbolic links and honouring .gitignore, .cribignore
// and exclude patterns. It also embeds crib's default DOP-C02 notes.
//
// It does not analyse, index or rank text; package search does that. It
// never writes to the notes.
//
// The markdown reader is hand-written rather than built on goldmark's
// CommonMark parser. Run on this package's tests, goldmark's tree put
// into the same snippets passed 69 of 75 cases against 75 of 75, mostly
// for reading notes as their authors meant them where CommonMark reads
// them otherwise (tabs and spaces mixed in list indentation, a fence
// after a list item); on the built-in and user notes the two agreed on
// 1,206 of 1,207 snippets; on the built-in notes it took 5.1 ms against
// 4.7 ms; and on a 1,000-level nested list goldmark alone allocated
// 425 MB and took 2 s, against 4 MB here.
package corpus
