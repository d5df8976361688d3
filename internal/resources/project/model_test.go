package project

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
)

func ptr[T any](v T) *T { return &v }

func TestNewCreateRequest(t *testing.T) {
	plan := resourceModel{
		Name:                      types.StringValue("p"),
		OrgID:                     types.StringValue("5f1e2d3c4b5a697887766554"),
		Tags:                      types.MapValueMust(types.StringType, map[string]attr.Value{"b": types.StringValue("2"), "a": types.StringValue("1")}),
		WithDefaultAlertsSettings: types.BoolValue(false),
		RegionUsageRestrictions:   types.StringUnknown(),
		ProjectOwnerID:            types.StringNull(),
	}
	got, diags := newCreateRequest(context.Background(), &plan)
	if diags.HasError() {
		t.Fatal(diags)
	}
	if got.Name != "p" || got.OrgID != plan.OrgID.ValueString() || got.RegionUsageRestrictions != "" || got.ProjectOwnerID != "" {
		t.Errorf("got %+v", got)
	}
	if got.WithDefaultAlertsSettings == nil || *got.WithDefaultAlertsSettings {
		t.Errorf("withDefaultAlertsSettings %v, want false", got.WithDefaultAlertsSettings)
	}
	if len(got.Tags) != 2 || got.Tags[0].Key != "a" {
		t.Errorf("tags %v, want sorted a, b", got.Tags)
	}
}

func TestSettingsChanges(t *testing.T) {
	unknownExcept := func(f func(*settingsModel)) settingsModel {
		s := settingsFromAPI(&atlas.ProjectSettings{})
		for _, p := range []*types.Bool{&s.IsClusterAIAssistantEnabled, &s.IsCollectDatabaseSpecificsStatisticsEnabled, &s.IsDataExplorerEnabled,
			&s.IsDataExplorerGenAIFeaturesEnabled, &s.IsDataExplorerGenAISampleDocumentPassingEnabled, &s.IsExtendedStorageSizesEnabled,
			&s.IsNativeRerankingEnabled, &s.IsPerformanceAdvisorEnabled, &s.IsRealtimePerformancePanelEnabled, &s.IsSchemaAdvisorEnabled} {
			*p = types.BoolUnknown()
		}
		f(&s)
		return s
	}
	// On create only configured (known) settings are sent.
	plan := unknownExcept(func(s *settingsModel) { s.IsDataExplorerEnabled = types.BoolValue(false) })
	got, changed := settingsChanges(plan, nil)
	if !changed || got.IsDataExplorerEnabled == nil || *got.IsDataExplorerEnabled || got.IsSchemaAdvisorEnabled != nil {
		t.Errorf("create: got %+v, %v", got, changed)
	}
	// Nothing configured: nothing to send.
	if _, changed := settingsChanges(unknownExcept(func(*settingsModel) {}), nil); changed {
		t.Error("create without settings should send nothing")
	}
	// On update only settings that differ from the prior state are sent.
	prior := settingsFromAPI(&atlas.ProjectSettings{IsDataExplorerEnabled: ptr(true), IsSchemaAdvisorEnabled: ptr(true)})
	next := prior
	next.IsSchemaAdvisorEnabled = types.BoolValue(false)
	got, changed = settingsChanges(next, &prior)
	if !changed || got.IsSchemaAdvisorEnabled == nil || got.IsDataExplorerEnabled != nil {
		t.Errorf("update: got %+v, %v", got, changed)
	}
	if _, changed := settingsChanges(prior, &prior); changed {
		t.Error("unchanged settings should send nothing")
	}
}

func TestLimitsFromAPIFiltersAndSorts(t *testing.T) {
	limits := []atlas.ProjectLimit{
		{Name: "b", Value: 2, MaximumLimit: ptr(int64(10))},
		{Name: "a", Value: 1},
		{Name: "c", Value: 3},
	}
	got := limitsFromAPI(limits, map[string]bool{"a": true, "b": true})
	if n := len(got.Elements()); n != 2 {
		t.Fatalf("%d limits, want 2", n)
	}
	want := types.SetValueMust(limitType, []attr.Value{
		types.ObjectValueMust(limitType.AttrTypes, map[string]attr.Value{"name": types.StringValue("a"), "value": types.Int64Value(1),
			"current_usage": types.Int64Null(), "default_limit": types.Int64Null(), "maximum_limit": types.Int64Null()}),
		types.ObjectValueMust(limitType.AttrTypes, map[string]attr.Value{"name": types.StringValue("b"), "value": types.Int64Value(2),
			"current_usage": types.Int64Null(), "default_limit": types.Int64Null(), "maximum_limit": types.Int64Value(10)}),
	})
	if !got.Equal(want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
	if all := limitsFromAPI(limits, nil); len(all.Elements()) != 3 {
		t.Errorf("nil filter should keep every limit")
	}
}

func TestTeamsRoundTrip(t *testing.T) {
	teams := []atlas.ProjectTeam{{TeamID: "t1", RoleNames: []string{"GROUP_OWNER", "GROUP_READ_ONLY"}}}
	value, diags := teamsFromAPI(teams, teamType, true)
	if diags.HasError() {
		t.Fatal(diags)
	}
	back, diags := teamsFromModel(context.Background(), value.(types.Set))
	if diags.HasError() {
		t.Fatal(diags)
	}
	if len(back["t1"]) != 2 || back["t1"][0] != "GROUP_OWNER" {
		t.Errorf("round trip gave %v", back)
	}
	list, _ := teamsFromAPI(nil, dataSourceTeamType, false)
	if l, ok := list.(types.List); !ok || len(l.Elements()) != 0 {
		t.Errorf("data source teams: got %v, want an empty list", list)
	}
}

func TestIPAddressesValue(t *testing.T) {
	v := ipAddressesValue([]atlas.ClusterIPAddresses{{ClusterName: "c", Inbound: []string{"1.2.3.4"}, Outbound: []string{}}})
	clusters := v.Attributes()["services"].(types.Object).Attributes()["clusters"].(types.List)
	if len(clusters.Elements()) != 1 {
		t.Fatalf("got %v", v)
	}
	if empty := ipAddressesValue(nil); empty.IsNull() {
		t.Error("a project without clusters has an empty list, not null")
	}
}
