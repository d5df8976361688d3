package converge

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
)

func TestCreateDiagnostics(t *testing.T) {
	client, err := atlas.NewClient(atlas.Config{BaseURL: "http://127.0.0.1:1/", Credentials: atlas.Credentials{PublicKey: "p", PrivateKey: "k"},
		Retry: atlas.RetryPolicy{MaxRetries: 1, Sleep: func(context.Context, time.Duration) error { return nil }}})
	if err != nil {
		t.Fatal(err)
	}
	obj := Object{Kind: "flex cluster", Name: "c1", Where: "in project p1", Import: "terraform import mongodbatlas_flex_cluster.<name> p1-c1"}
	gateway := &atlas.Error{Method: "POST", Path: "/x", Status: 502}
	tests := []struct {
		name     string
		post     []error // per attempt; nil = created
		found    []bool  // per look-up
		findErr  error
		wantOK   bool
		severity diag.Severity
		want     []string
	}{
		{name: "created", post: []error{nil}, wantOK: true},
		{name: "lost answer, found: adopted with a warning", post: []error{gateway}, found: []bool{true}, wantOK: true,
			severity: diag.SeverityWarning, want: []string{`Adopted flex cluster "c1" after a lost response`, "HTTP 502", "instead of being created twice"}},
		{name: "refused", post: []error{&atlas.Error{Status: 400, ErrorCode: "INVALID_REGION"}},
			severity: diag.SeverityError, want: []string{`refused: Creating flex cluster "c1" in project p1 failed`}},
		{name: "look-up failed", post: []error{gateway}, findErr: &atlas.Error{Status: 500}, severity: diag.SeverityError,
			want: []string{`Creating flex cluster "c1" in project p1 failed`, "Looking the flex cluster up by name also failed", "terraform import mongodbatlas_flex_cluster.<name> p1-c1"}},
		{name: "look-up conflict", post: []error{gateway}, findErr: &Conflict{Reason: "it is in another organization"}, severity: diag.SeverityError,
			want: []string{"HTTP 502", "it is in another organization"}},
		{name: "every attempt failed", post: []error{gateway, gateway}, found: []bool{false, false}, severity: diag.SeverityError,
			want: []string{"The create was sent 2 times", `no flex cluster named "c1" existed`, "Apply again once Atlas answers"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			posts, finds := 0, 0
			steps := atlas.CreateSteps[string]{
				Post: func(context.Context) (string, error) {
					posts++
					if err := tt.post[posts-1]; err != nil {
						return "", err
					}
					return "created", nil
				},
				Find: func(context.Context) (string, bool, error) {
					finds++
					if tt.findErr != nil {
						return "", false, tt.findErr
					}
					return "found", tt.found[finds-1], nil
				},
			}
			var diags diag.Diagnostics
			_, _, ok := Create(context.Background(), client, obj, steps,
				func(summary string, err error, diags *diag.Diagnostics) {
					diags.AddError("refused: "+summary, err.Error())
				}, &diags)
			if ok != tt.wantOK {
				t.Fatalf("ok = %v, want %v (%v)", ok, tt.wantOK, diags)
			}
			if len(tt.want) == 0 {
				if len(diags) != 0 {
					t.Fatalf("unexpected diagnostics: %v", diags)
				}
				return
			}
			if len(diags) != 1 || diags[0].Severity() != tt.severity {
				t.Fatalf("want one diagnostic of severity %v, got %v", tt.severity, diags)
			}
			text := diags[0].Summary() + "\n" + diags[0].Detail()
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("diagnostic lacks %q:\n%s", w, text)
				}
			}
		})
	}
}

func TestDeleteAnswer(t *testing.T) {
	cases := []struct {
		name      string
		err       error
		wantWait  bool
		wantError string // "" means no diagnostic
	}{
		{name: "accepted", wantWait: true},
		{name: "already gone", err: &atlas.Error{Status: 404, ErrorCode: "CLUSTER_NOT_FOUND"}},
		{name: "asked before", err: &atlas.Error{Status: 400, ErrorCode: "CLUSTER_ALREADY_REQUESTED_DELETION"}, wantWait: true},
		{name: "protected, cluster code", err: &atlas.Error{Status: 400, ErrorCode: "CANNOT_TERMINATE_CLUSTER_WHEN_TERMINATION_PROTECTION_ENABLED"},
			wantError: "termination protection is enabled on the cluster"},
		{name: "protected, flex answer", err: &atlas.Error{Status: 400, ErrorCode: "ATLAS_GENERAL_ERROR", Detail: "Termination protection is enabled."},
			wantError: "Set termination_protection_enabled = false and apply, then destroy."},
		{name: "route removed is not gone", err: &atlas.Error{Status: 404, ErrorCode: "RESOURCE_NOT_FOUND"}, wantError: "RESOURCE_NOT_FOUND"},
		{name: "other refusal", err: &atlas.Error{Status: 403, ErrorCode: "USER_UNAUTHORIZED"}, wantError: "USER_UNAUTHORIZED"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var diags diag.Diagnostics
			wait := DeleteAnswer(tc.err, "cluster", "Deleting flex cluster \"c1\" failed", &diags)
			if wait != tc.wantWait {
				t.Errorf("wait = %v, want %v", wait, tc.wantWait)
			}
			switch {
			case tc.wantError == "" && diags.HasError():
				t.Errorf("unexpected diagnostics: %v", diags)
			case tc.wantError != "" && (len(diags) != 1 || !strings.Contains(diags[0].Detail(), tc.wantError) || diags[0].Summary() != "Deleting flex cluster \"c1\" failed"):
				t.Errorf("diagnostics %v, want one error under the summary containing %q", diags, tc.wantError)
			}
		})
	}
}
