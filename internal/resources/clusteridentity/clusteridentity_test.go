package clusteridentity_test

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
)

var identityType = tftypes.Object{AttributeTypes: map[string]tftypes.Type{"project_id": tftypes.String, "name": tftypes.String}}

func identityValue(projectID, name string) tftypes.Value {
	return tftypes.NewValue(identityType, map[string]tftypes.Value{
		"project_id": tftypes.NewValue(tftypes.String, projectID), "name": tftypes.NewValue(tftypes.String, name)})
}

func newServer(t *testing.T) tfprotov6.ProviderServer {
	t.Helper()
	s, err := providerserver.NewProtocol6WithError(provider.New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{}); err != nil {
		t.Fatal(err)
	}
	return s
}

// Every move of the official provider's state into a flex cluster or a
// serverless instance gives the moved resource its identity.
func TestMoveSetsIdentity(t *testing.T) {
	s := newServer(t)
	resources := map[string]map[string]any{}
	for _, r := range acctest.ParseState(t, acctest.OfficialState(t, acctest.OfficialProjectID, acctest.OfficialFlexID).State) {
		resources[r.Type] = r.Instances[0].Attributes
	}
	for _, tc := range []struct{ from, to, name string }{
		{"mongodbatlas_flex_cluster", "mongodbatlas_flex_cluster", "official-flex"},
		{"mongodbatlas_serverless_instance", "mongodbatlas_serverless_instance", "official-serverless"},
		{"mongodbatlas_serverless_instance", "mongodbatlas_flex_cluster", "official-serverless"},
	} {
		t.Run(tc.from+" to "+tc.to, func(t *testing.T) {
			raw, err := json.Marshal(resources[tc.from])
			if err != nil {
				t.Fatal(err)
			}
			resp, err := s.MoveResourceState(context.Background(), &tfprotov6.MoveResourceStateRequest{
				SourceProviderAddress: "registry.terraform.io/mongodb/mongodbatlas", SourceTypeName: tc.from,
				SourceState: &tfprotov6.RawState{JSON: raw}, TargetTypeName: tc.to,
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(resp.Diagnostics) > 0 {
				t.Fatalf("move: %s: %s", resp.Diagnostics[0].Summary, resp.Diagnostics[0].Detail)
			}
			if resp.TargetIdentity == nil {
				t.Fatal("the move gives no identity")
			}
			got, err := resp.TargetIdentity.IdentityData.Unmarshal(identityType)
			if err != nil {
				t.Fatal(err)
			}
			if want := identityValue(acctest.OfficialProjectID, tc.name); !got.Equal(want) {
				t.Errorf("identity %v, want %v", got, want)
			}
		})
	}
}

// An import block by identity with a malformed value is refused with the
// attribute, the value and the expected form.
func TestImportByIdentityRefusesBadValues(t *testing.T) {
	s := newServer(t)
	for _, tc := range []struct{ projectID, name, want string }{
		{"not-a-project", "c1", `project_id of mongodbatlas_flex_cluster must be the 24-hex project id`},
		{"5f1e2d3c4b5a697887766554", "bad_name", `name of mongodbatlas_flex_cluster must start with a letter or digit`},
		{"5f1e2d3c4b5a697887766554", "", `Got "".`},
	} {
		dv, err := tfprotov6.NewDynamicValue(identityType, identityValue(tc.projectID, tc.name))
		if err != nil {
			t.Fatal(err)
		}
		resp, err := s.ImportResourceState(context.Background(), &tfprotov6.ImportResourceStateRequest{
			TypeName: "mongodbatlas_flex_cluster", Identity: &tfprotov6.ResourceIdentityData{IdentityData: &dv},
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(resp.Diagnostics) == 0 || !strings.Contains(resp.Diagnostics[0].Detail, tc.want) {
			t.Errorf("%q/%q: want an error containing %q, got %v", tc.projectID, tc.name, tc.want, resp.Diagnostics)
		}
	}
	// A valid identity imports that cluster.
	dv, err := tfprotov6.NewDynamicValue(identityType, identityValue("5f1e2d3c4b5a697887766554", "c1"))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := s.ImportResourceState(context.Background(), &tfprotov6.ImportResourceStateRequest{
		TypeName: "mongodbatlas_serverless_instance", Identity: &tfprotov6.ResourceIdentityData{IdentityData: &dv},
	})
	if err != nil || len(resp.Diagnostics) > 0 || len(resp.ImportedResources) != 1 {
		t.Fatalf("import: %v %v", err, resp.Diagnostics)
	}
	got, err := resp.ImportedResources[0].Identity.IdentityData.Unmarshal(identityType)
	if err != nil || !got.Equal(identityValue("5f1e2d3c4b5a697887766554", "c1")) {
		t.Errorf("imported identity %v (%v)", got, err)
	}
}
