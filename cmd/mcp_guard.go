package cmd

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"sync"
	"time"
)

// The SDK ends a session at the first input line that is not JSON.
// JSON-RPC asks for a parse error instead, and a client that sent one
// garbled line should not lose its session: jsonLines answers such a line
// itself and passes on the rest.

// maxRequestLine bounds one request line, as the SDK's own reader does.
const maxRequestLine = 16 << 20

// parseError is JSON-RPC's answer to a line that is not JSON.
const parseError = `{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"parse error: a request must be one line of JSON"}}` + "\n"

// lockedWriter serializes writes, so that parse errors never land inside
// a message of the SDK's (which writes each message in one call), and
// counts the answers to requests.
type lockedWriter struct {
	mu       sync.Mutex
	w        io.WriteCloser
	answered chan struct{} // one token per answer written
}

func newLockedWriter(w io.WriteCloser) *lockedWriter {
	return &lockedWriter{w: w, answered: make(chan struct{}, 1024)}
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	n, err := l.w.Write(p)
	if err == nil && kindOf(p) == kindResponse {
		select {
		case l.answered <- struct{}{}:
		default:
		}
	}
	return n, err
}

// Kinds of JSON-RPC message, as far as waiting for answers cares.
const (
	kindOther = iota
	kindRequest
	kindResponse
)

func kindOf(line []byte) int {
	var m struct {
		ID     json.RawMessage `json:"id"`
		Method string          `json:"method"`
	}
	if json.Unmarshal(line, &m) != nil || len(m.ID) == 0 || string(m.ID) == "null" {
		return kindOther
	}
	if m.Method != "" {
		return kindRequest
	}
	return kindResponse
}

// drainWait bounds how long crib answers the requests it has read after
// its input ends.
const drainWait = time.Minute

func (l *lockedWriter) Close() error { return l.w.Close() }

// jsonLines reads request lines from r and passes on those that are JSON
// (or blank); it answers the others on w.
// At the end of the input it waits until every request read has been
// answered: `printf ... | crib mcp` gets its answers, as the SDK would
// otherwise stop the session with calls still running.
type jsonLines struct {
	r        *bufio.Reader
	closer   io.Closer
	w        *lockedWriter
	pending  []byte
	err      error
	requests int
}

func newJSONLines(r io.ReadCloser, w *lockedWriter) *jsonLines {
	return &jsonLines{r: bufio.NewReader(r), closer: r, w: w}
}

// drain waits for the answers to the requests read, for drainWait at most.
func (j *jsonLines) drain() {
	timeout := time.After(drainWait)
	for ; j.requests > 0; j.requests-- {
		select {
		case <-j.w.answered:
		case <-timeout:
			return
		}
	}
}

func (j *jsonLines) Read(p []byte) (int, error) {
	for len(j.pending) == 0 {
		if j.err != nil {
			if errors.Is(j.err, io.EOF) {
				j.drain()
			}
			return 0, j.err
		}
		line, err := j.readLine()
		j.err = err
		if len(bytes.TrimSpace(line)) > 0 && !json.Valid(line) {
			if _, werr := io.WriteString(j.w, parseError); werr != nil {
				return 0, werr
			}
			continue
		}
		if kindOf(line) == kindRequest {
			j.requests++
		}
		j.pending = line
	}
	n := copy(p, j.pending)
	j.pending = j.pending[n:]
	return n, nil
}

// readLine reads one line, newline included, of at most maxRequestLine
// bytes; a longer line is answered as unparseable and skipped.
func (j *jsonLines) readLine() ([]byte, error) {
	var line []byte
	for {
		chunk, err := j.r.ReadSlice('\n')
		if len(line)+len(chunk) > maxRequestLine {
			line = []byte("x") // not JSON: answered with a parse error
			for errors.Is(err, bufio.ErrBufferFull) {
				_, err = j.r.ReadSlice('\n')
			}
			return line, err
		}
		line = append(line, chunk...)
		if !errors.Is(err, bufio.ErrBufferFull) {
			return line, err
		}
	}
}

func (j *jsonLines) Close() error { return j.closer.Close() }
