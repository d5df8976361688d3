package provider_test

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/provider"
)

// officialSchema mirrors the parts of `terraform providers schema -json` that
// the compatibility contract is about.
type officialSchema struct {
	Provider        struct{ Block jsonBlock } `json:"provider"`
	ResourceSchemas map[string]struct {
		Block jsonBlock `json:"block"`
	} `json:"resource_schemas"`
	DataSourceSchemas map[string]struct {
		Block jsonBlock `json:"block"`
	} `json:"data_source_schemas"`
}

type jsonBlock struct {
	Attributes map[string]jsonAttribute `json:"attributes"`
	BlockTypes map[string]struct {
		NestingMode string    `json:"nesting_mode"`
		Block       jsonBlock `json:"block"`
	} `json:"block_types"`
}

type jsonAttribute struct {
	Type       json.RawMessage `json:"type"`
	NestedType *struct {
		Attributes  map[string]jsonAttribute `json:"attributes"`
		NestingMode string                   `json:"nesting_mode"`
	} `json:"nested_type"`
	Required  bool `json:"required"`
	Optional  bool `json:"optional"`
	Computed  bool `json:"computed"`
	Sensitive bool `json:"sensitive"`
	WriteOnly bool `json:"write_only"`
}

// TestSchemaCompatibleWithOfficialProvider checks, attribute by attribute, that
// every attribute and block of the official provider exists here with the same
// type, nesting and required/optional/computed flags. Added optional
// attributes and extra sensitivity are allowed differences.
func TestSchemaCompatibleWithOfficialProvider(t *testing.T) {
	raw, err := os.ReadFile(acctest.RepoPath("..", "shared", "reference", "official-provider-schema.json"))
	if err != nil {
		t.Skipf("official schema not available (%v): the compatibility check needs ../shared/reference", err)
	}
	var official officialSchema
	if err := json.Unmarshal(raw, &official); err != nil {
		t.Fatal(err)
	}
	ours := ourSchemas(t)

	check := func(t *testing.T, kind, name string, want jsonBlock) {
		got, ok := ours[kind+"/"+name]
		if !ok {
			t.Skipf("%s %s is not implemented yet", kind, name)
		}
		compareBlocks(t, name, want, got)
	}
	t.Run("provider", func(t *testing.T) { check(t, "provider", "mongodbatlas", official.Provider.Block) })
	for name, s := range official.ResourceSchemas {
		t.Run("resource/"+name, func(t *testing.T) { check(t, "resource", name, s.Block) })
	}
	for name, s := range official.DataSourceSchemas {
		t.Run("data/"+name, func(t *testing.T) { check(t, "data", name, s.Block) })
	}
}

func compareBlocks(t *testing.T, where string, want, got jsonBlock) {
	t.Helper()
	for name, w := range want.Attributes {
		g, ok := got.Attributes[name]
		if !ok {
			t.Errorf("%s.%s: missing", where, name)
			continue
		}
		compareAttributes(t, where+"."+name, w, g)
	}
	for name, g := range got.Attributes {
		if _, ok := want.Attributes[name]; !ok && g.Required {
			t.Errorf("%s.%s: added attribute is required; an added attribute must be optional or computed", where, name)
		}
	}
	for name, w := range want.BlockTypes {
		g, ok := got.BlockTypes[name]
		if !ok {
			t.Errorf("%s.%s: block missing", where, name)
			continue
		}
		if w.NestingMode != g.NestingMode {
			t.Errorf("%s.%s: block nesting %s, official %s", where, name, g.NestingMode, w.NestingMode)
		}
		compareBlocks(t, where+"."+name, w.Block, g.Block)
	}
}

// knownFlagDifferences are deliberate, documented departures from the official
// schema's required/optional/computed flags that cannot break a configuration or
// a state. Types, nesting and sensitivity are still compared.
var knownFlagDifferences = map[string]string{
	// The official schema marks these optional inside a computed-only list, where
	// nothing can set them; here they are computed.
	"mongodbatlas_projects.results.name":       "computed, not optional",
	"mongodbatlas_projects.results.project_id": "computed, not optional",
	// Optional and computed, so that `tags = {}` and no tags attribute both mean
	// "no tags" without a diff or an update after import, create or a config change
	// between the two (the official provider fails the apply for `tags = {}`).
	"mongodbatlas_project.tags":      "optional and computed",
	"mongodbatlas_flex_cluster.tags": "optional and computed",
}

func compareAttributes(t *testing.T, where string, want, got jsonAttribute) {
	t.Helper()
	_, known := knownFlagDifferences[where]
	if !known && (want.Required != got.Required || want.Optional != got.Optional || want.Computed != got.Computed) {
		t.Errorf("%s: required/optional/computed %v/%v/%v, official %v/%v/%v", where,
			got.Required, got.Optional, got.Computed, want.Required, want.Optional, want.Computed)
	}
	if want.Sensitive && !got.Sensitive {
		t.Errorf("%s: official marks it sensitive", where)
	}
	if want.WriteOnly != got.WriteOnly {
		t.Errorf("%s: write_only %v, official %v", where, got.WriteOnly, want.WriteOnly)
	}
	if (want.NestedType == nil) != (got.NestedType == nil) {
		t.Errorf("%s: nested attribute mismatch", where)
		return
	}
	if want.NestedType != nil {
		if want.NestedType.NestingMode != got.NestedType.NestingMode {
			t.Errorf("%s: nesting %s, official %s", where, got.NestedType.NestingMode, want.NestedType.NestingMode)
		}
		compareBlocks(t, where, jsonBlock{Attributes: want.NestedType.Attributes}, jsonBlock{Attributes: got.NestedType.Attributes})
		return
	}
	if normalizeJSON(t, want.Type) != normalizeJSON(t, got.Type) {
		t.Errorf("%s: type %s, official %s", where, got.Type, want.Type)
	}
}

func normalizeJSON(t *testing.T, raw json.RawMessage) string {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("bad type JSON %s: %v", raw, err)
	}
	out, _ := json.Marshal(v)
	return string(out)
}

// ourSchemas asks the provider for its schemas over the plugin protocol, as
// Terraform does, and converts them to the JSON shape the CLI prints.
func ourSchemas(t *testing.T) map[string]jsonBlock {
	server := providerserver.NewProtocol6(provider.New("test")())()
	resp, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range resp.Diagnostics {
		t.Fatalf("schema diagnostic: %s: %s", d.Summary, d.Detail)
	}
	out := map[string]jsonBlock{"provider/mongodbatlas": convertBlock(t, resp.Provider.Block)}
	for name, s := range resp.ResourceSchemas {
		out["resource/"+name] = convertBlock(t, s.Block)
	}
	for name, s := range resp.DataSourceSchemas {
		out["data/"+name] = convertBlock(t, s.Block)
	}
	return out
}

func convertBlock(t *testing.T, b *tfprotov6.SchemaBlock) jsonBlock {
	out := jsonBlock{Attributes: map[string]jsonAttribute{}}
	out.BlockTypes = map[string]struct {
		NestingMode string    `json:"nesting_mode"`
		Block       jsonBlock `json:"block"`
	}{}
	for _, a := range b.Attributes {
		out.Attributes[a.Name] = convertAttribute(t, a)
	}
	for _, nb := range b.BlockTypes {
		out.BlockTypes[nb.TypeName] = struct {
			NestingMode string    `json:"nesting_mode"`
			Block       jsonBlock `json:"block"`
		}{NestingMode: nestingName(nb.Nesting.String()), Block: convertBlock(t, nb.Block)}
	}
	return out
}

func convertAttribute(t *testing.T, a *tfprotov6.SchemaAttribute) jsonAttribute {
	out := jsonAttribute{Required: a.Required, Optional: a.Optional, Computed: a.Computed, Sensitive: a.Sensitive, WriteOnly: a.WriteOnly}
	if a.NestedType != nil {
		attrs := map[string]jsonAttribute{}
		for _, na := range a.NestedType.Attributes {
			attrs[na.Name] = convertAttribute(t, na)
		}
		out.NestedType = &struct {
			Attributes  map[string]jsonAttribute `json:"attributes"`
			NestingMode string                   `json:"nesting_mode"`
		}{Attributes: attrs, NestingMode: nestingName(a.NestedType.Nesting.String())}
		return out
	}
	// The JSON form of the type is what `terraform providers schema -json` prints and
	// what the reference file holds; tftypes offers no other way to produce it.
	typ, err := a.Type.MarshalJSON() //nolint:staticcheck // see above

	if err != nil {
		t.Fatal(err)
	}
	out.Type = typ
	return out
}

// nestingName turns the protocol's "NESTING_SET" into the CLI's "set".
func nestingName(s string) string {
	return strings.ToLower(strings.TrimPrefix(s, "NESTING_"))
}
