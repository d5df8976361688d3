package atlassim

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// response is what an API handler returns; the server turns it into bytes so
// that envelope, pretty and Content-Type are handled in one place.
type response struct {
	status int
	body   any // nil means no body (204)
}

func ok(body any) *response      { return &response{status: http.StatusOK, body: body} }
func created(body any) *response { return &response{status: http.StatusCreated, body: body} }
func noContent() *response       { return &response{status: http.StatusNoContent} }

// renderOptions are the query parameters every endpoint understands.
type renderOptions struct {
	pretty   bool
	envelope bool
}

func renderOptionsFrom(r *http.Request) renderOptions {
	q := r.URL.Query()
	return renderOptions{
		pretty:   q.Get("pretty") == "true",
		envelope: q.Get("envelope") == "true",
	}
}

// encodeBody marshals a success body, applying envelope and pretty.
// With envelope=true a list page gets a "status" key next to its results,
// and any other entity is wrapped as {"content":...,"status":...}; the HTTP
// status itself does not change.
func encodeBody(body any, status int, opts renderOptions) ([]byte, error) {
	if opts.envelope {
		if page, isPage := body.(*listPage); isPage {
			withStatus := *page
			withStatus.Status = &status
			body = &withStatus
		} else {
			raw, err := marshalJSON(body)
			if err != nil {
				return nil, err
			}
			body = struct {
				Content json.RawMessage `json:"content"`
				Status  int             `json:"status"`
			}{raw, status}
		}
	}
	out, err := marshalJSON(body)
	if err != nil {
		return nil, err
	}
	if opts.pretty {
		return jacksonPretty(out)
	}
	return out, nil
}

// writeBytes writes a body with an explicit Content-Length, as the real server does.
func writeBytes(w http.ResponseWriter, status int, contentType string, body []byte) {
	if contentType != "" {
		w.Header().Set("Content-Type", contentType)
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// writeAPIError writes an Atlas error: compact (unless pretty), Content-Type
// application/json, and the X-Error-Code header.
func writeAPIError(w http.ResponseWriter, e *apiError, opts renderOptions) {
	out, _ := marshalJSON(e)
	if opts.pretty {
		if pretty, err := jacksonPretty(out); err == nil {
			out = pretty
		}
	}
	w.Header().Set("X-Error-Code", e.ErrorCode)
	if e.retryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(e.retryAfter))
	}
	writeBytes(w, e.Status, "application/json", out)
}

// jacksonPretty re-indents compact JSON the way Jackson's default pretty
// printer does, because that is what Atlas sends for pretty=true:
// objects one key per line as "key" : value with two-space indentation,
// arrays inline as [ a, b ], empty containers as { } and [ ].
// Arrays do not add an indentation level, only objects do.
func jacksonPretty(compact []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(compact))
	dec.UseNumber()
	var out bytes.Buffer
	if err := prettyValue(dec, &out, 0); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

func prettyValue(dec *json.Decoder, out *bytes.Buffer, level int) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	switch v := tok.(type) {
	case json.Delim:
		if v == '{' {
			return prettyObject(dec, out, level)
		}
		return prettyArray(dec, out, level)
	default:
		return writeScalar(out, v)
	}
}

func prettyObject(dec *json.Decoder, out *bytes.Buffer, level int) error {
	out.WriteByte('{')
	first := true
	for dec.More() {
		keyTok, err := dec.Token()
		if err != nil {
			return err
		}
		if !first {
			out.WriteByte(',')
		}
		first = false
		out.WriteByte('\n')
		out.WriteString(strings.Repeat("  ", level+1))
		if err := writeScalar(out, keyTok); err != nil {
			return err
		}
		out.WriteString(" : ")
		if err := prettyValue(dec, out, level+1); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil { // closing }
		return err
	}
	if first {
		out.WriteString(" }")
		return nil
	}
	out.WriteByte('\n')
	out.WriteString(strings.Repeat("  ", level))
	out.WriteByte('}')
	return nil
}

func prettyArray(dec *json.Decoder, out *bytes.Buffer, level int) error {
	out.WriteString("[ ")
	first := true
	for dec.More() {
		if !first {
			out.WriteString(", ")
		}
		first = false
		if err := prettyValue(dec, out, level); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil { // closing ]
		return err
	}
	if first {
		out.WriteString("]")
		return nil
	}
	out.WriteString(" ]")
	return nil
}

func writeScalar(out *bytes.Buffer, tok json.Token) error {
	switch v := tok.(type) {
	case nil:
		out.WriteString("null")
	case json.Number:
		out.WriteString(v.String())
	default:
		raw, err := marshalJSON(v)
		if err != nil {
			return err
		}
		out.Write(raw)
	}
	return nil
}

// marshalJSON is json.Marshal without HTML escaping: Atlas writes "&" in
// links as is, where encoding/json would write \u0026.
func marshalJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// readBody reads at most 1 MiB; the simulator never needs more.
func readBody(r *http.Request) ([]byte, error) {
	if r.Body == nil {
		return nil, nil
	}
	return io.ReadAll(io.LimitReader(r.Body, 1<<20))
}
