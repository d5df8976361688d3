package acctest

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// The Atlas ids in the official state file (testdata/official), which a test
// replaces with the ids of the resources it creates in its simulator.
const (
	OfficialProjectID = "995ce606ee228666b461ee13"
	OfficialFlexID    = "3a4b22f1b4b2e3ba0b7fada2"
)

// OfficialStateFile is a state file written by the official provider, with
// the configuration that wrote it (see testdata/official/README.md).
type OfficialStateFile struct {
	Config string // the .tf beside it, for the official provider
	State  []byte // the state, its ids replaced
}

// OfficialState loads the official provider's state file and replaces its
// project and flex cluster ids with the given ones, in every form they take
// (plain, and base64 inside the serverless instance's encoded id). Everything
// else is the file as the official provider wrote it: the refresh brings the
// remaining values (dates, connection strings) up to date, as it would for a
// user.
func OfficialState(t *testing.T, projectID, flexID string) OfficialStateFile {
	t.Helper()
	state, err := os.ReadFile(RepoPath("internal", "acctest", "testdata", "official", "project-flex-serverless-2024.state.json"))
	if err != nil {
		t.Fatal(err)
	}
	config, err := os.ReadFile(RepoPath("internal", "acctest", "testdata", "official", "project-flex-serverless-2024.tf"))
	if err != nil {
		t.Fatal(err)
	}
	b64 := base64.StdEncoding.EncodeToString
	s := string(state)
	for _, r := range [][2]string{
		{OfficialProjectID, projectID},
		{b64([]byte(OfficialProjectID)), b64([]byte(projectID))},
		{OfficialFlexID, flexID},
	} {
		if !strings.Contains(s, r[0]) {
			t.Fatalf("the official state file no longer holds %q", r[0])
		}
		s = strings.ReplaceAll(s, r[0], r[1])
	}
	if !json.Valid([]byte(s)) {
		t.Fatal("the official state file is not valid JSON after replacing its ids")
	}
	return OfficialStateFile{Config: string(config), State: []byte(s)}
}

// StateResource is one resource of a state file, as Terraform writes it.
type StateResource struct {
	Mode      string `json:"mode"`
	Type      string `json:"type"`
	Name      string `json:"name"`
	Provider  string `json:"provider"`
	Instances []struct {
		SchemaVersion int            `json:"schema_version"`
		Attributes    map[string]any `json:"attributes"`
	} `json:"instances"`
}

// Address is the resource's address, e.g. mongodbatlas_project.p.
func (r StateResource) Address() string { return r.Type + "." + r.Name }

// ParseState reads the resources of a version 4 state file.
func ParseState(t *testing.T, raw []byte) []StateResource {
	t.Helper()
	var st struct {
		Version   int             `json:"version"`
		Resources []StateResource `json:"resources"`
	}
	if err := json.Unmarshal(raw, &st); err != nil {
		t.Fatalf("reading state: %v", err)
	}
	if st.Version != 4 {
		t.Fatalf("state version %d, want 4", st.Version)
	}
	return st.Resources
}
