package atlas

import (
	"context"
	"errors"
	"syscall"
	"testing"
	"time"
)

// fakeCreate is a world holding at most one object, and a script of what
// each POST does: apply it and answer, apply it and lose the answer, or fail
// before applying.
type fakeCreate struct {
	script  []string // per attempt: "ok", "lost" (applied, 502), "5xx" (not applied), "refused" (400), "reset" (not applied)
	exists  bool
	posts   int
	finds   int
	findErr error
}

func (f *fakeCreate) steps() CreateSteps[string] {
	return CreateSteps[string]{
		Post: func(context.Context) (string, error) {
			f.posts++
			if f.exists {
				return "", &Error{Status: 409, ErrorCode: "DUPLICATE_CLUSTER_NAME"}
			}
			switch f.script[f.posts-1] {
			case "ok":
				f.exists = true
				return "created", nil
			case "lost":
				f.exists = true
				return "", &Error{Status: 502}
			case "5xx":
				return "", &Error{Status: 503}
			case "reset":
				return "", syscall.ECONNRESET
			default:
				return "", &Error{Status: 400, ErrorCode: "INVALID_ATTRIBUTE"}
			}
		},
		Find: func(context.Context) (string, bool, error) {
			f.finds++
			if f.findErr != nil {
				return "", false, f.findErr
			}
			return "found", f.exists, nil
		},
		DuplicateCodes: []string{"DUPLICATE_CLUSTER_NAME"},
	}
}

func TestCreateConverging(t *testing.T) {
	lookupFailed := &Error{Status: 500, ErrorCode: "UNEXPECTED_ERROR"}
	tests := []struct {
		name        string
		script      []string
		findErr     error
		wantObj     string
		wantAdopted bool
		wantPosts   int
		wantErr     string // "" = success; "unsettled" or "refused"
		wantExists  bool
		wantWaits   int
		maxRetries  int
	}{
		{name: "first attempt works", script: []string{"ok"}, wantObj: "created", wantPosts: 1, wantExists: true},
		{name: "refused", script: []string{"refused"}, wantPosts: 1, wantErr: "refused"},
		{name: "answer lost after it was applied: adopted, not repeated", script: []string{"lost"}, wantObj: "found", wantAdopted: true, wantPosts: 1, wantExists: true},
		{name: "5xx, nothing created: sent again", script: []string{"5xx", "ok"}, wantObj: "created", wantPosts: 2, wantExists: true, wantWaits: 1},
		{name: "reset, nothing created: sent again", script: []string{"reset", "5xx", "ok"}, wantObj: "created", wantPosts: 3, wantExists: true, wantWaits: 2},
		{name: "budget spent", script: []string{"5xx", "5xx", "5xx", "5xx"}, wantPosts: 3, wantErr: "unsettled", wantWaits: 2, maxRetries: 2},
		{name: "look-up fails: outcome unknown", script: []string{"5xx"}, findErr: lookupFailed, wantPosts: 1, wantErr: "unsettled"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var waits []time.Duration
			c, err := NewClient(Config{BaseURL: "http://127.0.0.1:1/", Credentials: Credentials{PublicKey: "p", PrivateKey: "k"},
				Retry: RetryPolicy{MaxRetries: tt.maxRetries, Sleep: func(_ context.Context, d time.Duration) error {
					waits = append(waits, d)
					return nil
				}}})
			if err != nil {
				t.Fatal(err)
			}
			f := &fakeCreate{script: tt.script, findErr: tt.findErr}
			obj, result, err := CreateConverging(context.Background(), c, f.steps())
			switch tt.wantErr {
			case "":
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
			case "refused":
				if apiErr, ok := AsError(err); !ok || apiErr.Status != 400 {
					t.Fatalf("want Atlas's 400 as it is, got %v", err)
				}
			case "unsettled":
				var unsettled *CreateUnsettledError
				if !errors.As(err, &unsettled) {
					t.Fatalf("want *CreateUnsettledError, got %T %v", err, err)
				}
				if !errors.Is(unsettled.LookupErr, tt.findErr) && tt.findErr != nil {
					t.Errorf("LookupErr = %v, want %v", unsettled.LookupErr, tt.findErr)
				}
			}
			if obj != tt.wantObj || result.Adopted != tt.wantAdopted || f.posts != tt.wantPosts || result.Attempts != tt.wantPosts {
				t.Errorf("got (%q, adopted %v, %d posts, %d attempts), want (%q, adopted %v, %d posts)",
					obj, result.Adopted, f.posts, result.Attempts, tt.wantObj, tt.wantAdopted, tt.wantPosts)
			}
			if f.exists != tt.wantExists {
				t.Errorf("object exists = %v, want %v", f.exists, tt.wantExists)
			}
			if len(waits) != tt.wantWaits {
				t.Errorf("%d backoff waits before repeats, want %d", len(waits), tt.wantWaits)
			}
		})
	}
}

// A repeat answered "name taken" means an earlier attempt landed after the
// look-up missed it (Atlas lists new objects with a delay): it is adopted.
func TestCreateConvergingDuplicateOnRepeatAdopts(t *testing.T) {
	c, err := NewClient(Config{BaseURL: "http://127.0.0.1:1/", Credentials: Credentials{PublicKey: "p", PrivateKey: "k"},
		Retry: RetryPolicy{Sleep: func(context.Context, time.Duration) error { return nil }}})
	if err != nil {
		t.Fatal(err)
	}
	posts, finds := 0, 0
	landed := false
	steps := CreateSteps[string]{
		Post: func(context.Context) (string, error) {
			posts++
			if landed {
				return "", &Error{Status: 409, ErrorCode: "DUPLICATE_CLUSTER_NAME"}
			}
			landed = true // applied, but the answer and the first look-up miss it
			return "", &Error{Status: 504}
		},
		Find: func(context.Context) (string, bool, error) {
			finds++
			return "found", finds > 1, nil
		},
		DuplicateCodes: []string{"DUPLICATE_CLUSTER_NAME"},
	}
	obj, result, err := CreateConverging(context.Background(), c, steps)
	if err != nil || obj != "found" || !result.Adopted || posts != 2 {
		t.Fatalf("got (%q, %+v, %v) after %d posts; want the object adopted after 2 posts", obj, result, err, posts)
	}
	if apiErr, ok := AsError(result.LostErr); !ok || apiErr.Status != 504 {
		t.Errorf("LostErr = %v, want the 504 whose answer was lost", result.LostErr)
	}
}

func TestCreateOutcomeUnknown(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want bool
	}{
		{&Error{Status: 500}, true},
		{&Error{Status: 503}, true},
		{&Error{Status: 409}, false},
		{syscall.ECONNRESET, true},
		{&BaseURLError{Kind: ProblemRefused}, false},
		{&BaseURLError{Kind: ProblemDNS}, false},
		{&BaseURLError{Kind: ProblemTimeout}, true},
		{context.DeadlineExceeded, false},
	} {
		if got := CreateOutcomeUnknown(tt.err); got != tt.want {
			t.Errorf("CreateOutcomeUnknown(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}
