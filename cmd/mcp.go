package cmd

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/spf13/cobra"

	"github.com/crib-dev/crib/search"
	"github.com/crib-dev/crib/search/check"
)

// MCPOptions hold what the Model Context Protocol server needs.
type MCPOptions struct {
	IO     *IOStreams
	Source sourceOptions
	// Engine makes the engine factory for a set of notes: the commands'
	// own, unless a test counts the engines opened.
	Engine func(sourceOptions) engineFunc
}

// Bounds on what one tool call may ask, so that a client cannot make
// crib work for long: the longest exam questions are about 3,000 bytes.
const (
	mcpMaxQuestion = 64 << 10
	mcpMaxLimit    = 50
)

// NewCmdMCP builds `crib mcp`. runF replaces mcpRun in tests of flag
// parsing.
func NewCmdMCP(ios *IOStreams, runF func(*MCPOptions) error) *cobra.Command {
	opts := &MCPOptions{IO: ios}
	opts.Engine = func(s sourceOptions) engineFunc { return s.engineFactory(ios) }
	c := &cobra.Command{
		Use:   "mcp [flags]",
		Short: "Serve the notes to AI assistants over the Model Context Protocol (stdio)",
		Long: `Run a Model Context Protocol server on standard input and output, for an
AI assistant or editor to search your notes with. It offers three tools:
ask (a question, with filters, to ranked notes with file and line), check
(a practice question with options to the evidence for each option) and
service (an AWS service to everything the notes say about it).

The notes are indexed once and kept open across calls, and opened again
when a file changed on disk; they are only read, and nothing is written
outside crib's index cache. Register it with your
client as the command "crib mcp" (add --notes to search your own notes).
Standard output carries the protocol only; warnings go to standard error.`,
		Example: `  crib mcp --notes ~/notes/aws
  {"mcpServers": {"crib": {"command": "crib", "args": ["mcp", "--notes", "/home/me/notes"]}}}`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(c *cobra.Command, args []string) error {
			if err := opts.Source.validate(); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return mcpRun(c.Context(), opts)
		},
	}
	addSourceFlags(c, &opts.Source)
	// The server speaks JSON-RPC, never colour: --color is accepted, as
	// by every command, but not offered.
	c.Flags().MarkHidden("color")
	return c
}

// mcpRun serves until the client closes the connection.
func mcpRun(ctx context.Context, opts *MCPOptions) error {
	runsLong() // a server answers many questions: it needs the collector
	if ctx == nil {
		ctx = context.Background()
	}
	s := newMCPServer(opts)
	defer s.warm.close()
	w := newLockedWriter(writeCloser(opts.IO.Out))
	t := &mcp.IOTransport{Reader: newJSONLines(readCloser(opts.IO.In), w), Writer: w}
	if err := s.server.Run(ctx, t); err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("mcp: %w", err)
	}
	return nil
}

type mcpServer struct {
	opts   *MCPOptions
	warm   *warmEngine
	server *mcp.Server
}

func newMCPServer(opts *MCPOptions) *mcpServer {
	ios := opts.IO
	s := &mcpServer{opts: opts, warm: &warmEngine{open: opts.Engine, base: opts.Source,
		stamp: func(src sourceOptions) string { return notesStamp(ios, src) }}}
	s.server = mcp.NewServer(&mcp.Implementation{Name: "crib", Title: "crib: search your study notes", Version: versionString()},
		&mcp.ServerOptions{Instructions: mcpInstructions})
	mcp.AddTool(s.server, &mcp.Tool{Name: "ask", Description: askToolHelp}, s.ask)
	mcp.AddTool(s.server, &mcp.Tool{Name: "check", Description: checkToolHelp}, s.check)
	mcp.AddTool(s.server, &mcp.Tool{Name: "service", Description: serviceToolHelp}, s.service)
	return s
}

// toolStreams are the streams a command writes a tool's answer to: no
// terminal, colour off.
func toolStreams(out, errOut *bytes.Buffer) *IOStreams {
	return &IOStreams{In: strings.NewReader(""), Out: out, ErrOut: errOut, Getenv: func(string) string { return "" }}
}

// toolResult turns a command's JSON output and error into a tool result:
// "nothing found" is an answer, other errors are tool errors with the
// command's message.
func toolResult(out, errOut *bytes.Buffer, err error) (*mcp.CallToolResult, any, error) {
	if err != nil && !errors.Is(err, errNotFound) || out.Len() == 0 {
		msg := strings.TrimSpace(errOut.String())
		if err != nil && !errors.Is(err, errNotFound) {
			msg = err.Error()
		}
		if msg == "" {
			msg = "nothing found"
		}
		return nil, nil, errors.New(strings.TrimPrefix(msg, "crib: "))
	}
	var compact bytes.Buffer // an assistant reads the text: spare it the indentation
	if err := json.Compact(&compact, out.Bytes()); err != nil {
		return nil, nil, fmt.Errorf("answer is not JSON: %w", err)
	}
	return &mcp.CallToolResult{
		Content:           []mcp.Content{&mcp.TextContent{Text: compact.String()}},
		StructuredContent: json.RawMessage(compact.Bytes()),
	}, nil, nil
}

func checkSize(field, s string) error {
	if len(s) > mcpMaxQuestion {
		return fmt.Errorf("%s is %d bytes; at most %d are searched", field, len(s), mcpMaxQuestion)
	}
	return nil
}

func (s *mcpServer) ask(_ context.Context, _ *mcp.CallToolRequest, in askInput) (*mcp.CallToolResult, any, error) {
	if err := checkSize("question", in.Question); err != nil {
		return nil, nil, err
	}
	var out, errOut bytes.Buffer
	err := s.warm.with(in.Notes, func(kept engineFunc) error {
		o := newAskOptions(toolStreams(&out, &errOut))
		o.Source, o.Engine, o.JSON, o.Operators = s.opts.Source, kept, true, true
		o.Question = strings.TrimSpace(in.Question)
		o.Limit = min(max(in.Limit, 0), mcpMaxLimit)
		if o.Limit == 0 {
			o.Limit = search.DefaultLimit
		}
		o.Context = min(max(in.Context, 0), maxContext)
		o.Filters = filterOptions{In: in.In, Section: in.Section, Tags: in.Tags}
		if o.Question == "" {
			return &usageError{"no question given"}
		}
		return askRun(o)
	})
	return toolResult(&out, &errOut, err)
}

func (s *mcpServer) check(_ context.Context, _ *mcp.CallToolRequest, in checkInput) (*mcp.CallToolResult, any, error) {
	if err := checkSize("question", in.Question); err != nil {
		return nil, nil, err
	}
	var out, errOut bytes.Buffer
	err := s.warm.with(in.Notes, func(kept engineFunc) error {
		o := newCheckOptions(toolStreams(&out, &errOut))
		o.Source, o.JSON, o.Text = s.opts.Source, true, strings.TrimSpace(in.Question)
		if o.Text == "" {
			return &usageError{"no question given"}
		}
		o.Checker = func() (*check.Checker, func(), error) {
			eng, release, err := kept()
			if err != nil {
				return nil, nil, err
			}
			return check.New(eng), release, nil
		}
		return checkRun(o)
	})
	return toolResult(&out, &errOut, err)
}

func (s *mcpServer) service(_ context.Context, _ *mcp.CallToolRequest, in serviceInput) (*mcp.CallToolResult, any, error) {
	if err := checkSize("name", in.Name); err != nil {
		return nil, nil, err
	}
	var out, errOut bytes.Buffer
	err := s.warm.with(in.Notes, func(kept engineFunc) error {
		o := &ServiceOptions{IO: toolStreams(&out, &errOut), Source: s.opts.Source, Engine: kept, JSON: true}
		o.Name = strings.TrimSpace(in.Name)
		o.Limit = min(max(in.Limit, 0), mcpMaxLimit)
		if o.Limit == 0 {
			o.Limit = mcpServiceLimit
		}
		if o.Name == "" {
			return &usageError{"no service name given"}
		}
		return serviceRun(o)
	})
	res, structured, err := toolResult(wrapServices(&out), &errOut, err)
	if res != nil {
		// "the notes do not name EKS": the report alone, catalogue facts
		// and no section, does not say it. Other lines of stderr (hints,
		// cache warnings) are the terminal's business.
		var unnamed []string
		for _, l := range strings.Split(errOut.String(), "\n") {
			if m, ok := strings.CutPrefix(l, "crib: the notes do not name "); ok {
				unnamed = append(unnamed, "the notes do not name "+m)
			}
		}
		if len(unnamed) > 0 {
			res.Content = append(res.Content, &mcp.TextContent{Text: strings.Join(unnamed, "\n")})
		}
	}
	return res, structured, err
}

// mcpServiceLimit is the service tool's notes per service when the call
// gives no limit: all of EC2's notes were about 150 KB, much of an
// assistant's context.
const mcpServiceLimit = 20

// wrapServices makes the array crib service --json prints for several
// services an object, {"services": [...]}, as a tool's structured answer
// must be; one service's object stays as it is.
func wrapServices(out *bytes.Buffer) *bytes.Buffer {
	if !bytes.HasPrefix(bytes.TrimSpace(out.Bytes()), []byte("[")) {
		return out
	}
	var b bytes.Buffer
	b.WriteString(`{"services":`)
	b.Write(out.Bytes())
	b.WriteString("}")
	return &b
}

// readCloser and writeCloser let the transport close crib's streams
// only when they are closable.
func readCloser(r io.Reader) io.ReadCloser {
	if rc, ok := r.(io.ReadCloser); ok {
		return rc
	}
	return io.NopCloser(r)
}

type nopWriteCloser struct{ io.Writer }

func (nopWriteCloser) Close() error { return nil }

func writeCloser(w io.Writer) io.WriteCloser {
	if wc, ok := w.(io.WriteCloser); ok {
		return wc
	}
	return nopWriteCloser{w}
}
