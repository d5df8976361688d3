package movestate_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/provider"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/movestate"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/serverlessinstance"
)

const officialAddress = "registry.terraform.io/mongodb/mongodbatlas"

func TestFromAtlasProvider(t *testing.T) {
	for addr, want := range map[string]bool{
		"registry.terraform.io/mongodb/mongodbatlas":   true,
		"registry.opentofu.org/mongodb/mongodbatlas":   true,
		"registry.terraform.io/tfatlas/mongodbatlas":   true,
		"app.terraform.io/acme/mongodbatlas":           true,
		"registry.terraform.io/hashicorp/aws":          false,
		"registry.terraform.io/acme/mongodbatlas-fork": false,
		"mongodbatlas":         true, // OpenTofu before 1.11.12 and 1.12.4 sends the type name only
		"mongodb/mongodbatlas": true,
		"a/b/c/mongodbatlas":   false,
		"":                     false,
	} {
		if got := movestate.FromAtlasProvider(addr); got != want {
			t.Errorf("FromAtlasProvider(%q) = %v, want %v", addr, got, want)
		}
	}
}

// server is this provider over the plugin protocol, as Terraform calls it.
type server struct {
	tfprotov6.ProviderServer
	schemas map[string]*tfprotov6.Schema
}

func newServer(t *testing.T) server {
	t.Helper()
	s, err := providerserver.NewProtocol6WithError(provider.New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	resp, err := s.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	return server{s, resp.ResourceSchemas}
}

// move is what Terraform sends for a moved block from a resource of the
// official provider into typ.
func (s server) move(t *testing.T, address, sourceType string, version int64, attrs map[string]any, typ string) (map[string]tftypes.Value, []*tfprotov6.Diagnostic) {
	t.Helper()
	raw, err := json.Marshal(attrs)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := s.MoveResourceState(context.Background(), &tfprotov6.MoveResourceStateRequest{
		SourceProviderAddress: address, SourceTypeName: sourceType, SourceSchemaVersion: version,
		SourceState: &tfprotov6.RawState{JSON: raw}, TargetTypeName: typ,
	})
	if err != nil {
		t.Fatal(err)
	}
	if resp.TargetState == nil {
		return nil, resp.Diagnostics
	}
	return s.decode(t, typ, resp.TargetState), resp.Diagnostics
}

// replaceProvider is what Terraform sends for the same state after
// `terraform state replace-provider`.
func (s server) replaceProvider(t *testing.T, typ string, attrs map[string]any) map[string]tftypes.Value {
	t.Helper()
	raw, err := json.Marshal(attrs)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := s.UpgradeResourceState(context.Background(), &tfprotov6.UpgradeResourceStateRequest{
		TypeName: typ, Version: 0, RawState: &tfprotov6.RawState{JSON: raw}})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Diagnostics) > 0 {
		t.Fatalf("upgrade of %s: %v", typ, resp.Diagnostics[0])
	}
	return s.decode(t, typ, resp.UpgradedState)
}

func (s server) decode(t *testing.T, typ string, v *tfprotov6.DynamicValue) map[string]tftypes.Value {
	t.Helper()
	val, err := v.Unmarshal(s.schemas[typ].ValueType())
	if err != nil {
		t.Fatal(err)
	}
	var attrs map[string]tftypes.Value
	if err := val.As(&attrs); err != nil {
		t.Fatal(err)
	}
	return attrs
}

// officialResources are the resource instances of the official provider's
// real state file, by type.
func officialResources(t *testing.T) map[string]map[string]any {
	t.Helper()
	file := acctest.OfficialState(t, acctest.OfficialProjectID, acctest.OfficialFlexID)
	out := map[string]map[string]any{}
	for _, r := range acctest.ParseState(t, file.State) {
		if r.Provider != `provider["`+officialAddress+`"]` {
			t.Fatalf("%s: provider %s", r.Address(), r.Provider)
		}
		out[r.Type] = r.Instances[0].Attributes
	}
	return out
}

// Each resource of the official state moves into the same type unchanged: the
// moved state is exactly the state `replace-provider` gives.
func TestSameType_officialState(t *testing.T) {
	s := newServer(t)
	resources := officialResources(t)
	for _, typ := range []string{"mongodbatlas_project", "mongodbatlas_flex_cluster", "mongodbatlas_serverless_instance"} {
		t.Run(typ, func(t *testing.T) {
			attrs, ok := resources[typ]
			if !ok {
				t.Fatalf("the official state has no %s", typ)
			}
			got, diags := s.move(t, officialAddress, typ, 0, attrs, typ)
			if len(diags) > 0 {
				t.Fatalf("move: %s: %s", diags[0].Summary, diags[0].Detail)
			}
			want := s.replaceProvider(t, typ, attrs)
			for name, w := range want {
				if !got[name].Equal(w) {
					t.Errorf("%s: moved %v, replace-provider gives %v", name, got[name], w)
				}
			}
			// The identity a refresh starts from is the official state's.
			for name, v := range map[string]string{"id": attrs["id"].(string), "name": attrs["name"].(string)} {
				if !got[name].Equal(tftypes.NewValue(tftypes.String, v)) {
					t.Errorf("%s = %v, want %q", name, got[name], v)
				}
			}
		})
	}
	// The serverless id stays the official encoded one, which this provider decodes.
	pid, name, err := serverlessinstance.DecodeID(resources["mongodbatlas_serverless_instance"]["id"].(string))
	if err != nil || pid != acctest.OfficialProjectID || name != "official-serverless" {
		t.Errorf("DecodeID(official id) = %q, %q, %v", pid, name, err)
	}
}

// The serverless-to-flex move takes the official provider's serverless state too.
func TestServerlessToFlex_officialState(t *testing.T) {
	s := newServer(t)
	got, diags := s.move(t, officialAddress, "mongodbatlas_serverless_instance", 0,
		officialResources(t)["mongodbatlas_serverless_instance"], "mongodbatlas_flex_cluster")
	if len(diags) > 0 {
		t.Fatalf("move: %s: %s", diags[0].Summary, diags[0].Detail)
	}
	for name, want := range map[string]tftypes.Value{
		"project_id": tftypes.NewValue(tftypes.String, acctest.OfficialProjectID),
		"name":       tftypes.NewValue(tftypes.String, "official-serverless"),
		"tags":       tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, map[string]tftypes.Value{"env": tftypes.NewValue(tftypes.String, "dev")}),
		"id":         tftypes.NewValue(tftypes.String, nil), // the Atlas id comes with the refresh
	} {
		if !got[name].Equal(want) {
			t.Errorf("%s = %v, want %v", name, got[name], want)
		}
	}
}

func TestSameType_refused(t *testing.T) {
	s := newServer(t)
	project := officialResources(t)["mongodbatlas_project"]
	for _, tc := range []struct {
		name, address, sourceType string
		version                   int64
		wantDetail                string
	}{
		{"another provider", "registry.terraform.io/hashicorp/aws", "mongodbatlas_project", 0, "does not include support for the given source resource"},
		{"another type", officialAddress, "mongodbatlas_cloud_manager_project", 0, "does not include support for the given source resource"},
		{"an unknown schema version", officialAddress, "mongodbatlas_project", 1, "schema version 1; this provider reads version 0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, diags := s.move(t, tc.address, tc.sourceType, tc.version, project, "mongodbatlas_project")
			if got != nil || len(diags) != 1 || !strings.Contains(diags[0].Detail, tc.wantDetail) {
				t.Fatalf("want one error with %q, got state %v and %v", tc.wantDetail, got, diags)
			}
		})
	}
}

// A state that does not fit the schema is an error naming the type, not a
// silently empty resource.
func TestSameType_badState(t *testing.T) {
	s := newServer(t)
	_, diags := s.move(t, officialAddress, "mongodbatlas_project", 0, map[string]any{"id": "x", "limits": "not a list"}, "mongodbatlas_project")
	if len(diags) != 1 || !strings.Contains(diags[0].Summary, "Cannot move mongodbatlas_project from "+officialAddress) ||
		!strings.Contains(diags[0].Detail, "does not fit mongodbatlas_project") {
		t.Fatalf("got %v", diags)
	}
}
