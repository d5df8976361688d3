package project

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
)

// Model conversions that run for every project on every plan and apply.

func benchProject() *atlas.Project {
	yes := true
	tagList := make([]atlas.Tag, 10)
	for i := range tagList {
		tagList[i] = atlas.Tag{Key: fmt.Sprintf("key-%02d", i), Value: fmt.Sprintf("value-%02d", i)}
	}
	return &atlas.Project{
		ID: "5f1a2b3c4d5e6f7a8b9c0d1e", Name: "bench-project", OrgID: "6a1a2b3c4d5e6f7a8b9c0d1e",
		ClusterCount: 3, Created: "2026-01-02T03:04:05Z", Tags: tagList, WithDefaultAlertsSettings: &yes,
	}
}

func BenchmarkApplyProject(b *testing.B) {
	p := benchProject()
	b.ReportAllocs()
	for b.Loop() {
		var m resourceModel
		m.applyProject(p)
	}
}

func BenchmarkSettingsFromAPI(b *testing.B) {
	yes, no := true, false
	s := &atlas.ProjectSettings{
		IsCollectDatabaseSpecificsStatisticsEnabled: &yes, IsDataExplorerEnabled: &yes, IsExtendedStorageSizesEnabled: &no,
		IsPerformanceAdvisorEnabled: &yes, IsRealtimePerformancePanelEnabled: &yes, IsSchemaAdvisorEnabled: &yes,
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = settingsFromAPI(s)
	}
}

func BenchmarkNewCreateRequest(b *testing.B) {
	elems := map[string]attr.Value{}
	for i := range 10 {
		elems[fmt.Sprintf("key-%02d", i)] = types.StringValue(fmt.Sprintf("value-%02d", i))
	}
	plan := &resourceModel{
		Name: types.StringValue("bench-project"), OrgID: types.StringValue("6a1a2b3c4d5e6f7a8b9c0d1e"),
		Tags:                      types.MapValueMust(types.StringType, elems),
		WithDefaultAlertsSettings: types.BoolValue(true), RegionUsageRestrictions: types.StringNull(),
		ProjectOwnerID: types.StringNull(),
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, diags := newCreateRequest(ctx, plan); diags.HasError() {
			b.Fatal(diags)
		}
	}
}
