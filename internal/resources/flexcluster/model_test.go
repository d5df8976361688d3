package flexcluster

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
)

func TestNewClusterModel(t *testing.T) {
	disk := 5.0
	c := &atlas.FlexCluster{
		ID: "6a793f5fc0eb9e7a17714c2a", Name: "c1", ClusterType: "REPLICASET",
		BackupSettings:    &atlas.FlexBackupSettings{Enabled: true},
		ConnectionStrings: &atlas.FlexConnectionStrings{StandardSrv: "mongodb+srv://c1.example.mongodb.net"},
		ProviderSettings:  atlas.FlexProviderSettings{BackingProviderName: "AWS", RegionName: "US_EAST_1", ProviderName: "FLEX", DiskSizeGB: &disk},
		StateName:         "CREATING", TerminationProtectionEnabled: true,
	}
	m := newClusterModel("5f1e2d3c4b5a697887766554", c)
	if m.ProjectID.ValueString() != "5f1e2d3c4b5a697887766554" || m.Name.ValueString() != "c1" || !m.TerminationProtectionEnabled.ValueBool() {
		t.Errorf("identity: %+v", m)
	}
	cs := m.ConnectionStrings.Attributes()
	if !cs["standard"].IsNull() || cs["standard_srv"].(types.String).ValueString() != c.ConnectionStrings.StandardSrv {
		t.Errorf("connection strings: %v (standard must be null until the cluster is IDLE)", cs)
	}
	if got := m.ProviderSettings.Attributes()["disk_size_gb"].(types.Float64).ValueFloat64(); got != 5 {
		t.Errorf("disk size %v", got)
	}
	if !m.Tags.IsNull() || !m.MongoDBVersion.IsNull() {
		t.Errorf("absent values must be null: tags %v, version %v", m.Tags, m.MongoDBVersion)
	}
	// A cluster without backup settings or connection strings still converts.
	bare := newClusterModel("p", &atlas.FlexCluster{Name: "c2"})
	if bare.BackupSettings.IsNull() || !bare.BackupSettings.Attributes()["enabled"].IsNull() {
		t.Errorf("backup settings: %v", bare.BackupSettings)
	}
}

func TestCreateAndUpdateRequests(t *testing.T) {
	plan := resourceModel{clusterModel: clusterModel{
		Name: types.StringValue("c1"),
		ProviderSettings: types.ObjectValueMust(providerSettingsType.AttrTypes, map[string]attr.Value{
			"backing_provider_name": types.StringValue("GCP"), "region_name": types.StringValue("CENTRAL_US"),
			"provider_name": types.StringUnknown(), "disk_size_gb": types.Float64Unknown(),
		}),
		Tags:                         types.MapValueMust(types.StringType, map[string]attr.Value{"env": types.StringValue("dev")}),
		TerminationProtectionEnabled: types.BoolUnknown(),
	}}
	in, diags := newCreateRequest(context.Background(), &plan)
	if diags.HasError() {
		t.Fatal(diags)
	}
	if in.Name != "c1" || in.BackingProviderName != "GCP" || in.RegionName != "CENTRAL_US" || in.TerminationProtectionEnabled || len(in.Tags) != 1 {
		t.Errorf("create request %+v", in)
	}
	plan.Tags = types.MapNull(types.StringType)
	plan.TerminationProtectionEnabled = types.BoolValue(true)
	up, diags := newUpdateRequest(context.Background(), &plan)
	if diags.HasError() {
		t.Fatal(diags)
	}
	if up.Tags == nil || len(up.Tags) != 0 || !up.TerminationProtectionEnabled {
		t.Errorf("update request %+v: removed tags must be sent as an empty list", up)
	}
}
