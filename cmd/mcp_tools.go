package cmd

// The inputs and descriptions of crib's MCP tools. The SDK infers each
// tool's JSON schema from its input type: a field without omitempty is
// required, and the jsonschema tag describes it.

type askInput struct {
	Question string   `json:"question" jsonschema:"what to look for, in plain words (AWS acronyms, former names and typos are understood). Operators: \"exact phrase\", -word to leave out notes that say word, a OR b to require one of them"`
	Limit    int      `json:"limit,omitempty" jsonschema:"how many notes to return, 1 to 50 (default 5)"`
	Notes    []string `json:"notes,omitempty" jsonschema:"a list (JSON array) of notes files, folders or globs to search instead of the server's notes, e.g. [\"notes/aws\"]"`
	In       []string `json:"in,omitempty" jsonschema:"only notes in files under one of these paths (a folder or file, with or without its ending, or its last parts, e.g. aws)"`
	Section  []string `json:"section,omitempty" jsonschema:"only notes whose heading path contains one of these texts, ignoring case, spaces, hyphens, underscores and slashes"`
	Tags     []string `json:"tags,omitempty" jsonschema:"only notes whose file's front matter lists one of these tags"`
	Context  int      `json:"context,omitempty" jsonschema:"also return this many neighbouring notes of the same file before and after each result (0 to 20)"`
}

type checkInput struct {
	Question string   `json:"question" jsonschema:"the whole multiple-choice question: its stem, then its options each on a line marked A. B. C. D. (or A) (A) 1. or - ); (Choose two.) is understood"`
	Notes    []string `json:"notes,omitempty" jsonschema:"a list (JSON array) of notes files, folders or globs to search instead of the server's notes, e.g. [\"notes/aws\"]"`
}

type serviceInput struct {
	Name  string   `json:"name" jsonschema:"an AWS service by any name, acronym, former name or small misspelling (cwe, cloudwatch events and eventbrige all mean EventBridge); several services one after the other (lambda eventbridge)"`
	Limit int      `json:"limit,omitempty" jsonschema:"how many notes to return per service, the sections most about it first, 1 to 50 (default 20)"`
	Notes []string `json:"notes,omitempty" jsonschema:"a list (JSON array) of notes files, folders or globs to search instead of the server's notes, e.g. [\"notes/aws\"]"`
}

const mcpInstructions = `crib searches the user's own study notes (markdown; by default crib's built-in AWS Certified DevOps Engineer Professional notes) and returns the lines that say the answer, with file and line. Prefer it to general knowledge when the user asks about something their notes may cover, quote what it returns with its source, and say when the notes have nothing. It is a deterministic search, not a model: it finds what the notes say and never writes to them.`

const askToolHelp = `Search the user's study notes for the lines that answer a question, ranked best first, each with its text, heading path, parent items, file and line, and the AWS services it names; related services follow when the notes cover the question. Use it whenever the user asks something their notes may cover, before answering from general knowledge, and cite the file:line of what you use. Plain language works (stems, AWS acronyms, former names and typos are understood). Narrow with operators in the question ("exact phrase", -word, a OR b) or with in, section and tags. Returns crib's --json answer; "results" is empty when nothing matched, and when the notes do not cover the question "covered" is false, each result "weak" and "related" empty.`

const checkToolHelp = `For a multiple-choice practice-exam question with its answer options, return the evidence in the user's notes for each option given the question: a score and the supporting note lines with file and line, strongest first. Use it when the user pastes or asks about an exam question that has options (A. B. C. D.). It shows evidence and does not decide: weigh it, explain which option the notes support and why, and say when an option has no evidence.`

const serviceToolHelp = `Return everything the user's notes say about one AWS service, grouped by section, with the service's aliases, category and related services. Use it when the user asks about a service as a whole ("what do my notes say about SSM?") rather than a specific question, or to see what else the notes cover near a service. Any alias, acronym, former name or small misspelling works. Returns the first 20 notes per service, the sections most about it first; pass limit (up to 50) for more or fewer. Several services in one name return {"services": [...]}; a name that is no service is an error saying so.`
