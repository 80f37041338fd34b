package cmd

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// mcpHarness runs `crib mcp` on real pipes and counts the engines it
// opens.
type mcpHarness struct {
	opens  atomic.Int32
	done   chan error
	stderr *lockedBuffer
	// the client's ends
	toServer   *os.File
	fromServer *os.File
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func startMCP(t *testing.T, notes ...string) *mcpHarness {
	t.Helper()
	serverIn, toServer, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	fromServer, serverOut, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	h := &mcpHarness{done: make(chan error, 1), stderr: &lockedBuffer{}, toServer: toServer, fromServer: fromServer}
	env := map[string]string{"HOME": t.TempDir(), "XDG_CACHE_HOME": t.TempDir(), "XDG_CONFIG_HOME": t.TempDir()}
	ios := &IOStreams{In: serverIn, Out: serverOut, ErrOut: h.stderr, Getenv: func(k string) string { return env[k] }}
	opts := &MCPOptions{IO: ios, Source: sourceOptions{Notes: notes, Color: "auto"}}
	opts.Engine = func(s sourceOptions) engineFunc {
		h.opens.Add(1)
		return s.engineFactory(ios)
	}
	go func() {
		err := mcpRun(context.Background(), opts)
		serverOut.Close()
		serverIn.Close()
		h.done <- err
	}()
	t.Cleanup(func() {
		toServer.Close()
		select {
		case err := <-h.done:
			if err != nil {
				t.Errorf("server: %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Error("server did not stop when its input closed")
		}
		fromServer.Close()
	})
	return h
}

func (h *mcpHarness) connect(t *testing.T, ctx context.Context) *mcp.ClientSession {
	t.Helper()
	client := mcp.NewClient(&mcp.Implementation{Name: "crib-test", Version: "1"}, nil)
	cs, err := client.Connect(ctx, &mcp.IOTransport{Reader: h.fromServer, Writer: nopWriteCloser{h.toServer}}, nil)
	if err != nil {
		t.Fatalf("initialize: %v (stderr: %s)", err, h.stderr.String())
	}
	return cs
}

// callJSON calls a tool and decodes its text answer.
func callJSON(t *testing.T, ctx context.Context, cs *mcp.ClientSession, name string, args map[string]any) (map[string]any, *mcp.CallToolResult) {
	t.Helper()
	res, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: name, Arguments: args})
	if err != nil {
		t.Fatalf("%s %v: %v", name, args, err)
	}
	if res.IsError {
		return nil, res
	}
	var out map[string]any
	text := res.Content[0].(*mcp.TextContent).Text
	if err := json.Unmarshal([]byte(text), &out); err != nil {
		t.Fatalf("%s: not JSON: %v\n%s", name, err, text)
	}
	return out, res
}

func errorText(res *mcp.CallToolResult) string {
	if res == nil || !res.IsError || len(res.Content) == 0 {
		return ""
	}
	return res.Content[0].(*mcp.TextContent).Text
}

func resultSources(out map[string]any) []string {
	var got []string
	rs, _ := out["results"].([]any)
	for _, r := range rs {
		m := r.(map[string]any)
		got = append(got, m["source"].(string)+":"+strings.TrimSuffix(strings.TrimSuffix(jsonNumber(m["line"]), ".0"), ".00"))
	}
	return got
}

func jsonNumber(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestMCPProtocol(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	h := startMCP(t, testTree)
	cs := h.connect(t, ctx)
	defer cs.Close()

	t.Run("initialize", func(t *testing.T) {
		info := cs.InitializeResult().ServerInfo
		if info.Name != "crib" || info.Version == "" {
			t.Errorf("server info %+v", info)
		}
		if !strings.Contains(cs.InitializeResult().Instructions, "study notes") {
			t.Errorf("instructions %q", cs.InitializeResult().Instructions)
		}
	})
	t.Run("tools/list", func(t *testing.T) {
		res, err := cs.ListTools(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		required := map[string]string{"ask": "question", "check": "question", "service": "name"}
		for _, tool := range res.Tools {
			want, ok := required[tool.Name]
			if !ok {
				t.Errorf("unexpected tool %q", tool.Name)
				continue
			}
			delete(required, tool.Name)
			schema, _ := json.Marshal(tool.InputSchema)
			if len(tool.Description) < 100 || !strings.Contains(string(schema), `"required":["`+want+`"]`) {
				t.Errorf("tool %s: description %q, schema %s", tool.Name, tool.Description, schema)
			}
		}
		if len(required) > 0 {
			t.Errorf("missing tools %v", required)
		}
	})
	t.Run("ask with filters and operators", func(t *testing.T) {
		out, res := callJSON(t, ctx, cs, "ask", map[string]any{"question": "deployment -beanstalk", "tags": []string{"cicd"}, "limit": 10})
		if res.IsError {
			t.Fatal(errorText(res))
		}
		// The filters decide which notes answer; their order is ranking's.
		srcs := resultSources(out)
		sort.Strings(srcs)
		got := strings.Join(srcs, " ")
		want := "testdata/tree/aws/deploy.md:15 testdata/tree/aws/deploy.md:16 testdata/tree/aws/deploy.md:17"
		if got != want || out["filters"] == nil {
			t.Errorf("results %s, want %s; filters %v", got, want, out["filters"])
		}
	})
	t.Run("ask with context", func(t *testing.T) {
		out, _ := callJSON(t, ctx, cs, "ask", map[string]any{"question": "beanstalk rolling batches", "limit": 1, "context": 1})
		r := out["results"].([]any)[0].(map[string]any)
		if len(r["before"].([]any)) != 1 || len(r["after"].([]any)) != 1 {
			t.Errorf("result %v", r)
		}
	})
	t.Run("ask finds nothing", func(t *testing.T) {
		out, res := callJSON(t, ctx, cs, "ask", map[string]any{"question": "zebra"})
		if res.IsError || len(out["results"].([]any)) != 0 {
			t.Errorf("%v %s", out, errorText(res))
		}
	})
	t.Run("check", func(t *testing.T) {
		q := "Which deployment shifts ten percent of traffic first?\nA. Canary deployment\nB. Immutable deployment"
		out, res := callJSON(t, ctx, cs, "check", map[string]any{"question": q})
		if res.IsError {
			t.Fatal(errorText(res))
		}
		if opts, _ := out["options"].([]any); len(opts) != 2 || opts[0].(map[string]any)["letter"] != "A" {
			t.Errorf("check: %v", out)
		}
	})
	t.Run("check without options", func(t *testing.T) {
		_, res := callJSON(t, ctx, cs, "check", map[string]any{"question": "what is canary"})
		if !strings.Contains(errorText(res), "option") {
			t.Errorf("want a tool error about options, got %+v", res)
		}
	})
	t.Run("service", func(t *testing.T) {
		out, res := callJSON(t, ctx, cs, "service", map[string]any{"name": "codedeploy"})
		if res.IsError || out["service"] != "CodeDeploy" || len(out["sections"].([]any)) == 0 {
			t.Errorf("service: %v %s", out, errorText(res))
		}
	})
	t.Run("several services", func(t *testing.T) {
		// Review 8 #2: two services were two JSON documents, which the
		// tool refused as "answer is not JSON".
		out, res := callJSON(t, ctx, cs, "service", map[string]any{"name": "codedeploy elastic beanstalk"})
		svcs, _ := out["services"].([]any)
		if res.IsError || len(svcs) != 2 || svcs[0].(map[string]any)["service"] != "CodeDeploy" {
			t.Errorf("service: %v %s", out, errorText(res))
		}
	})
	t.Run("service limit", func(t *testing.T) {
		notes := func(out map[string]any) int {
			n := 0
			sections, _ := out["sections"].([]any)
			for _, sec := range sections {
				n += len(sec.(map[string]any)["notes"].([]any))
			}
			return n
		}
		all, _ := callJSON(t, ctx, cs, "service", map[string]any{"name": "codedeploy", "limit": 50})
		one, res := callJSON(t, ctx, cs, "service", map[string]any{"name": "codedeploy", "limit": 1})
		if res.IsError || notes(one) != 1 || notes(all) < 2 {
			t.Errorf("limit 1 gave %d notes, limit 50 gave %d: %s", notes(one), notes(all), errorText(res))
		}
	})
	t.Run("service the notes do not name", func(t *testing.T) {
		// The report holds the catalogue's facts and no note; the tool
		// says so beside it (trial 13 saw an empty EKS report alone), and
		// only that: the "did you mean" hint stays out (review 15).
		out, res := callJSON(t, ctx, cs, "service", map[string]any{"name": "gaurdduty"})
		if res.IsError || out["service"] != "GuardDuty" || len(out["sections"].([]any)) != 0 {
			t.Fatalf("service: %v %s", out, errorText(res))
		}
		if len(res.Content) != 2 || res.Content[1].(*mcp.TextContent).Text != "the notes do not name GuardDuty" {
			t.Errorf("content %+v, want the report and what the notes lack", res.Content)
		}
	})
	t.Run("unknown service", func(t *testing.T) {
		// As crib service --json, words that name no service are an
		// error, not an answer in the question schema (review 8 #12).
		out, res := callJSON(t, ctx, cs, "service", map[string]any{"name": "zebra quantum"})
		if want := `no service is called "zebra quantum"`; errorText(res) != want {
			t.Errorf("want the tool error %q, got %v %q", want, out, errorText(res))
		}
	})
	t.Run("malformed arguments", func(t *testing.T) {
		for _, args := range []map[string]any{{"question": 42}, {"limit": 3}, {"question": "x", "limit": "five"}} {
			res, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: "ask", Arguments: args})
			if err == nil && !res.IsError {
				t.Errorf("ask %v: no error", args)
			}
		}
		if _, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: "rm", Arguments: map[string]any{}}); err == nil {
			t.Error("an unknown tool: no error")
		}
	})
	t.Run("huge argument", func(t *testing.T) {
		start := time.Now()
		_, res := callJSON(t, ctx, cs, "ask", map[string]any{"question": strings.Repeat("deployment canary ", 100_000)})
		if !strings.Contains(errorText(res), "at most") || time.Since(start) > 20*time.Second {
			t.Errorf("huge question: %+v after %v", res, time.Since(start))
		}
		out, _ := callJSON(t, ctx, cs, "ask", map[string]any{"question": "canary"})
		if len(out["results"].([]any)) == 0 {
			t.Error("no answer after the huge question")
		}
	})
	t.Run("one engine kept warm", func(t *testing.T) {
		if n := h.opens.Load(); n != 1 {
			t.Errorf("opened %d engines for one set of notes, want 1", n)
		}
		callJSON(t, ctx, cs, "ask", map[string]any{"question": "warm pool", "notes": []string{testNotes}})
		callJSON(t, ctx, cs, "ask", map[string]any{"question": "warm pool", "notes": []string{testNotes}})
		if n := h.opens.Load(); n != 2 {
			t.Errorf("opened %d engines after asking other notes twice, want 2", n)
		}
	})
}

// TestMCPMalformedRequest writes JSON-RPC by hand: a line that is not
// JSON must not stop the server, and a request after it is answered.
func TestMCPMalformedRequest(t *testing.T) {
	h := startMCP(t, testTree)
	lines := make(chan string, 10)
	go func() {
		sc := bufio.NewScanner(h.fromServer)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	send := func(s string) {
		if _, err := h.toServer.WriteString(s + "\n"); err != nil {
			t.Fatal(err)
		}
	}
	send(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}`)
	send(`this is not json {`)
	send(`{"jsonrpc":"2.0","method":"notifications/initialized"}`)
	send(`{"jsonrpc":"2.0","id":3,"method":"no/such/method"}`)
	send(`{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"ask","arguments":{"question":["not","a","string"]}}}`)
	send(`{"jsonrpc":"2.0","id":2,"method":"tools/list"}`)
	got := ""
	timeout := time.After(30 * time.Second)
	for !strings.Contains(got, `"id":2`) {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("server closed the connection; it said:\n%s\nstderr: %s", got, h.stderr.String())
			}
			got += l + "\n"
		case <-timeout:
			t.Fatalf("no answer to tools/list; got:\n%s", got)
		}
	}
	if !strings.Contains(got, `"code":-32700`) || !strings.Contains(got, `"name":"ask"`) {
		t.Errorf("tools/list answer:\n%s", got)
	}
}

// TestMCPAnswersBeforeEOF checks that requests piped in are answered
// although the input ends right after them.
func TestMCPAnswersBeforeEOF(t *testing.T) {
	h := startMCP(t, testTree)
	in := `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}
{"jsonrpc":"2.0","method":"notifications/initialized"}
{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"ask","arguments":{"question":"canary deployment","limit":1}}}
`
	if _, err := h.toServer.WriteString(in); err != nil {
		t.Fatal(err)
	}
	h.toServer.Close()
	data, err := io.ReadAll(h.fromServer)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"id":2,"result"`) || !strings.Contains(string(data), "aws/deploy.md") {
		t.Errorf("answers:\n%s", data)
	}
}

// TestMCPSeesEditedNotes edits a note between two calls: the second call
// must answer from the notes as they are now, not as the server first
// indexed them (review 8, finding 3).
func TestMCPSeesEditedNotes(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	dir := t.TempDir()
	note := filepath.Join(dir, "a.md")
	if err := os.WriteFile(note, []byte("# Streams\n\n- kinesis shard alpha\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	h := startMCP(t, dir)
	cs := h.connect(t, ctx)
	defer cs.Close()
	first, _ := callJSON(t, ctx, cs, "ask", map[string]any{"question": "kinesis shard", "limit": 1})
	if err := os.WriteFile(note, []byte("# Streams\n\nIntro line.\n\n- kinesis shard bravo rewritten\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	second, _ := callJSON(t, ctx, cs, "ask", map[string]any{"question": "kinesis shard", "limit": 1})
	text := func(out map[string]any) string {
		rs, _ := out["results"].([]any)
		if len(rs) == 0 {
			return ""
		}
		return rs[0].(map[string]any)["text"].(string)
	}
	if text(first) != "kinesis shard alpha" || text(second) != "kinesis shard bravo rewritten" {
		t.Errorf("before the edit %q, after it %q; want the note as it is on disk each time", text(first), text(second))
	}
	if n := h.opens.Load(); n != 2 {
		t.Errorf("opened %d engines for one edit, want 2", n)
	}
}
