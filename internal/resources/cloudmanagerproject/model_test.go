package cloudmanagerproject

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
)

func TestComputedFromAPI(t *testing.T) {
	full := &atlas.CloudManagerProject{
		ID: "5f0000000000000000000001", AgentAPIKey: "fresh-key", ActiveAgentCount: 2,
		HostCounts:      atlas.CloudManagerHostCounts{Arbiter: 1, Config: 2, Master: 3, Mongos: 4, Primary: 5, Secondary: 6, Slave: 7},
		LastActiveAgent: "2026-03-04T05:06:07Z", PublicAPIEnabled: true, ReplicaSetCount: 8, ShardCount: 9, Tags: []string{"DEV"},
	}
	noKey := *full
	noKey.AgentAPIKey, noKey.LastActiveAgent, noKey.Tags = "", "", nil

	tests := []struct {
		name      string
		project   *atlas.CloudManagerProject
		prior     types.String
		wantKey   types.String
		wantLast  types.String
		wantTags  int
		wantHosts map[string]int64
	}{
		{"key in the answer replaces the prior", full, types.StringValue("old-key"), types.StringValue("fresh-key"),
			types.StringValue("2026-03-04T05:06:07Z"), 1,
			map[string]int64{"arbiter": 1, "config": 2, "master": 3, "mongos": 4, "primary": 5, "secondary": 6, "slave": 7}},
		{"key left out keeps the prior", &noKey, types.StringValue("old-key"), types.StringValue("old-key"), types.StringNull(), 0, nil},
		{"key left out on create is null, not unknown", &noKey, types.StringUnknown(), types.StringNull(), types.StringNull(), 0, nil},
		{"key left out after import stays null", &noKey, types.StringNull(), types.StringNull(), types.StringNull(), 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := computedFromAPI(tt.project, tt.prior)
			if !got.AgentAPIKey.Equal(tt.wantKey) {
				t.Errorf("agent_api_key = %v, want %v", got.AgentAPIKey, tt.wantKey)
			}
			if !got.LastActiveAgent.Equal(tt.wantLast) {
				t.Errorf("last_active_agent = %v, want %v", got.LastActiveAgent, tt.wantLast)
			}
			if got.Tags.IsNull() || len(got.Tags.Elements()) != tt.wantTags {
				t.Errorf("tags = %v, want %d elements (never null)", got.Tags, tt.wantTags)
			}
			if !got.PublicAPIEnabled.ValueBool() || got.ActiveAgentCount.ValueInt64() != 2 || got.ShardCount.ValueInt64() != 9 {
				t.Errorf("counters = %+v", got)
			}
			for role, want := range tt.wantHosts {
				if v := got.HostCounts.Attributes()[role]; !v.Equal(types.Int64Value(want)) {
					t.Errorf("host_counts.%s = %v, want %d", role, v, want)
				}
			}
		})
	}
}

// Every role in the schema has a value, so a role added to one list and not
// the other fails here rather than in a user's plan.
func TestHostCountsCoverEveryRole(t *testing.T) {
	v := hostCountsValue(atlas.CloudManagerHostCounts{})
	if len(v.Attributes()) != len(hostCountNames) {
		t.Fatalf("host_counts has %d attributes, schema has %d roles", len(v.Attributes()), len(hostCountNames))
	}
	for _, role := range hostCountNames {
		if got := v.Attributes()[role]; got == nil || !got.Equal(attr.Value(types.Int64Value(0))) {
			t.Errorf("host_counts.%s = %v", role, got)
		}
	}
	if rs := resourceSchema(); rs.Attributes["agent_api_key"].IsSensitive() != true {
		t.Error("agent_api_key must be sensitive in the resource schema")
	}
	if ds := dataSourceSchema(); ds.Attributes["agent_api_key"].IsSensitive() != true {
		t.Error("agent_api_key must be sensitive in the data source schema")
	}
}
