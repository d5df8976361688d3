package project

import (
	"context"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/tags"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/tfvalue"
)

// settingsModel holds the project settings; it is embedded in every model that
// shows them.
type settingsModel struct {
	IsClusterAIAssistantEnabled                     types.Bool `tfsdk:"is_cluster_ai_assistant_enabled"`
	IsCollectDatabaseSpecificsStatisticsEnabled     types.Bool `tfsdk:"is_collect_database_specifics_statistics_enabled"`
	IsDataExplorerEnabled                           types.Bool `tfsdk:"is_data_explorer_enabled"`
	IsDataExplorerGenAIFeaturesEnabled              types.Bool `tfsdk:"is_data_explorer_gen_ai_features_enabled"`
	IsDataExplorerGenAISampleDocumentPassingEnabled types.Bool `tfsdk:"is_data_explorer_gen_ai_sample_document_passing_enabled"`
	IsExtendedStorageSizesEnabled                   types.Bool `tfsdk:"is_extended_storage_sizes_enabled"`
	IsNativeRerankingEnabled                        types.Bool `tfsdk:"is_native_reranking_enabled"`
	IsPerformanceAdvisorEnabled                     types.Bool `tfsdk:"is_performance_advisor_enabled"`
	IsRealtimePerformancePanelEnabled               types.Bool `tfsdk:"is_realtime_performance_panel_enabled"`
	IsSchemaAdvisorEnabled                          types.Bool `tfsdk:"is_schema_advisor_enabled"`
}

// resourceModel is the state of mongodbatlas_project.
type resourceModel struct {
	ID                                 types.String   `tfsdk:"id"`
	Name                               types.String   `tfsdk:"name"`
	OrgID                              types.String   `tfsdk:"org_id"`
	ClusterCount                       types.Int64    `tfsdk:"cluster_count"`
	Created                            types.String   `tfsdk:"created"`
	ProjectOwnerID                     types.String   `tfsdk:"project_owner_id"`
	WithDefaultAlertsSettings          types.Bool     `tfsdk:"with_default_alerts_settings"`
	IsSlowOperationThresholdingEnabled types.Bool     `tfsdk:"is_slow_operation_thresholding_enabled"`
	RegionUsageRestrictions            types.String   `tfsdk:"region_usage_restrictions"`
	Tags                               types.Map      `tfsdk:"tags"`
	IPAddresses                        types.Object   `tfsdk:"ip_addresses"`
	Limits                             types.Set      `tfsdk:"limits"`
	Teams                              types.Set      `tfsdk:"teams"`
	Timeouts                           timeouts.Value `tfsdk:"timeouts"`
	settingsModel
}

type limitModel struct {
	Name         types.String `tfsdk:"name"`
	Value        types.Int64  `tfsdk:"value"`
	CurrentUsage types.Int64  `tfsdk:"current_usage"`
	DefaultLimit types.Int64  `tfsdk:"default_limit"`
	MaximumLimit types.Int64  `tfsdk:"maximum_limit"`
}

type teamModel struct {
	TeamID    types.String `tfsdk:"team_id"`
	RoleNames types.Set    `tfsdk:"role_names"`
}

// newCreateRequest builds the POST /groups body from the plan.
func newCreateRequest(ctx context.Context, plan *resourceModel) (atlas.ProjectCreate, diag.Diagnostics) {
	tagList, diags := tags.FromMap(ctx, plan.Tags)
	in := atlas.ProjectCreate{
		Name:                    plan.Name.ValueString(),
		OrgID:                   plan.OrgID.ValueString(),
		Tags:                    tagList,
		RegionUsageRestrictions: knownString(plan.RegionUsageRestrictions),
		ProjectOwnerID:          knownString(plan.ProjectOwnerID),
	}
	if !plan.WithDefaultAlertsSettings.IsNull() && !plan.WithDefaultAlertsSettings.IsUnknown() {
		v := plan.WithDefaultAlertsSettings.ValueBool()
		in.WithDefaultAlertsSettings = &v
	}
	return in, diags
}

// applyProject copies what GET /groups/{id} returns into the model. The
// model's tags decide whether "no tags" is stored as {} or null.
func (m *resourceModel) applyProject(p *atlas.Project) {
	m.ID = types.StringValue(p.ID)
	m.Name = types.StringValue(p.Name)
	m.OrgID = types.StringValue(p.OrgID)
	m.ClusterCount = types.Int64Value(p.ClusterCount)
	m.Created = types.StringValue(p.Created)
	m.Tags = tags.ToMapLike(p.Tags, m.Tags)
	if p.WithDefaultAlertsSettings != nil {
		m.WithDefaultAlertsSettings = types.BoolValue(*p.WithDefaultAlertsSettings)
	}
	m.RegionUsageRestrictions = tfvalue.OptionalString(p.RegionUsageRestrictions)
}

// settingsFromAPI converts Atlas settings; a setting Atlas does not report is null.
func settingsFromAPI(s *atlas.ProjectSettings) settingsModel {
	return settingsModel{
		IsClusterAIAssistantEnabled:                     types.BoolPointerValue(s.IsClusterAIAssistantEnabled),
		IsCollectDatabaseSpecificsStatisticsEnabled:     types.BoolPointerValue(s.IsCollectDatabaseSpecificsStatisticsEnabled),
		IsDataExplorerEnabled:                           types.BoolPointerValue(s.IsDataExplorerEnabled),
		IsDataExplorerGenAIFeaturesEnabled:              types.BoolPointerValue(s.IsDataExplorerGenAIFeaturesEnabled),
		IsDataExplorerGenAISampleDocumentPassingEnabled: types.BoolPointerValue(s.IsDataExplorerGenAISampleDocumentPassingEnabled),
		IsExtendedStorageSizesEnabled:                   types.BoolPointerValue(s.IsExtendedStorageSizesEnabled),
		IsNativeRerankingEnabled:                        types.BoolPointerValue(s.IsNativeRerankingEnabled),
		IsPerformanceAdvisorEnabled:                     types.BoolPointerValue(s.IsPerformanceAdvisorEnabled),
		IsRealtimePerformancePanelEnabled:               types.BoolPointerValue(s.IsRealtimePerformancePanelEnabled),
		IsSchemaAdvisorEnabled:                          types.BoolPointerValue(s.IsSchemaAdvisorEnabled),
	}
}

// settingsChanges returns the settings to PATCH: every setting whose planned
// value is known and differs from the prior one (prior may be nil on create).
// The bool reports whether there is anything to send.
func settingsChanges(plan settingsModel, prior *settingsModel) (atlas.ProjectSettings, bool) {
	var out atlas.ProjectSettings
	changed := false
	pick := func(planned types.Bool, before func(settingsModel) types.Bool) *bool {
		if planned.IsNull() || planned.IsUnknown() {
			return nil
		}
		if prior != nil && before(*prior).Equal(planned) {
			return nil
		}
		changed = true
		v := planned.ValueBool()
		return &v
	}
	out.IsClusterAIAssistantEnabled = pick(plan.IsClusterAIAssistantEnabled, func(s settingsModel) types.Bool { return s.IsClusterAIAssistantEnabled })
	out.IsCollectDatabaseSpecificsStatisticsEnabled = pick(plan.IsCollectDatabaseSpecificsStatisticsEnabled, func(s settingsModel) types.Bool { return s.IsCollectDatabaseSpecificsStatisticsEnabled })
	out.IsDataExplorerEnabled = pick(plan.IsDataExplorerEnabled, func(s settingsModel) types.Bool { return s.IsDataExplorerEnabled })
	out.IsDataExplorerGenAIFeaturesEnabled = pick(plan.IsDataExplorerGenAIFeaturesEnabled, func(s settingsModel) types.Bool { return s.IsDataExplorerGenAIFeaturesEnabled })
	out.IsDataExplorerGenAISampleDocumentPassingEnabled = pick(plan.IsDataExplorerGenAISampleDocumentPassingEnabled, func(s settingsModel) types.Bool { return s.IsDataExplorerGenAISampleDocumentPassingEnabled })
	out.IsExtendedStorageSizesEnabled = pick(plan.IsExtendedStorageSizesEnabled, func(s settingsModel) types.Bool { return s.IsExtendedStorageSizesEnabled })
	out.IsNativeRerankingEnabled = pick(plan.IsNativeRerankingEnabled, func(s settingsModel) types.Bool { return s.IsNativeRerankingEnabled })
	out.IsPerformanceAdvisorEnabled = pick(plan.IsPerformanceAdvisorEnabled, func(s settingsModel) types.Bool { return s.IsPerformanceAdvisorEnabled })
	out.IsRealtimePerformancePanelEnabled = pick(plan.IsRealtimePerformancePanelEnabled, func(s settingsModel) types.Bool { return s.IsRealtimePerformancePanelEnabled })
	out.IsSchemaAdvisorEnabled = pick(plan.IsSchemaAdvisorEnabled, func(s settingsModel) types.Bool { return s.IsSchemaAdvisorEnabled })
	return out, changed
}

// ipAddressesValue converts the project's cluster IP addresses.
func ipAddressesValue(clusters []atlas.ClusterIPAddresses) types.Object {
	elems := make([]attr.Value, 0, len(clusters))
	for _, c := range clusters {
		elems = append(elems, types.ObjectValueMust(clusterIPAddressesType.AttrTypes, map[string]attr.Value{
			"cluster_name": types.StringValue(c.ClusterName),
			"inbound":      tfvalue.StringList(c.Inbound),
			"outbound":     tfvalue.StringList(c.Outbound),
		}))
	}
	services := types.ObjectValueMust(ipServicesType.AttrTypes, map[string]attr.Value{
		"clusters": types.ListValueMust(clusterIPAddressesType, elems),
	})
	return types.ObjectValueMust(ipAddressesType.AttrTypes, map[string]attr.Value{"services": services})
}

// limitsFromAPI keeps the limits named in wanted (all of them when wanted is
// nil), sorted by name.
func limitsFromAPI(limits []atlas.ProjectLimit, wanted map[string]bool) types.Set {
	sorted := append([]atlas.ProjectLimit(nil), limits...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Name < sorted[j].Name })
	elems := make([]attr.Value, 0, len(sorted))
	for _, l := range sorted {
		if wanted != nil && !wanted[l.Name] {
			continue
		}
		elems = append(elems, types.ObjectValueMust(limitType.AttrTypes, map[string]attr.Value{
			"name":          types.StringValue(l.Name),
			"value":         types.Int64Value(l.Value),
			"current_usage": types.Int64PointerValue(l.CurrentUsage),
			"default_limit": types.Int64PointerValue(l.DefaultLimit),
			"maximum_limit": types.Int64PointerValue(l.MaximumLimit),
		}))
	}
	return types.SetValueMust(limitType, elems)
}

// limitsChangedFromDefault keeps the limits whose value differs from Atlas's
// default, and those without a default (Data Federation limits exist only once
// set): what an import can tell was set on purpose. A limit set to its default
// value cannot be told apart from one never set.
func limitsChangedFromDefault(limits []atlas.ProjectLimit) []atlas.ProjectLimit {
	var out []atlas.ProjectLimit
	for _, l := range limits {
		if l.DefaultLimit == nil || l.Value != *l.DefaultLimit {
			out = append(out, l)
		}
	}
	return out
}

// limitsFromModel reads the configured limits as name -> value.
func limitsFromModel(ctx context.Context, set types.Set) (map[string]int64, diag.Diagnostics) {
	out := map[string]int64{}
	if set.IsNull() || set.IsUnknown() {
		return out, nil
	}
	var limits []limitModel
	diags := set.ElementsAs(ctx, &limits, false)
	for _, l := range limits {
		out[l.Name.ValueString()] = l.Value.ValueInt64()
	}
	return out, diags
}

// teamsFromAPI converts team assignments: a set of objects with a role set for
// the resource, a list of objects with a role list for the data sources.
func teamsFromAPI(teams []atlas.ProjectTeam, elemType attr.Type, roleSet bool) (attr.Value, diag.Diagnostics) {
	var diags diag.Diagnostics
	objType := elemType.(types.ObjectType)
	elems := make([]attr.Value, 0, len(teams))
	for _, t := range teams {
		roles := make([]attr.Value, 0, len(t.RoleNames))
		sortedRoles := append([]string(nil), t.RoleNames...)
		sort.Strings(sortedRoles)
		for _, r := range sortedRoles {
			roles = append(roles, types.StringValue(r))
		}
		var roleValue attr.Value
		if roleSet {
			roleValue = types.SetValueMust(types.StringType, roles)
		} else {
			roleValue = types.ListValueMust(types.StringType, roles)
		}
		obj, d := types.ObjectValue(objType.AttrTypes, map[string]attr.Value{
			"team_id":    types.StringValue(t.TeamID),
			"role_names": roleValue,
		})
		diags.Append(d...)
		elems = append(elems, obj)
	}
	if roleSet {
		v, d := types.SetValue(elemType, elems)
		diags.Append(d...)
		return v, diags
	}
	v, d := types.ListValue(elemType, elems)
	diags.Append(d...)
	return v, diags
}

// teamsFromModel reads configured team assignments as team id -> sorted roles.
func teamsFromModel(ctx context.Context, set types.Set) (map[string][]string, diag.Diagnostics) {
	out := map[string][]string{}
	if set.IsNull() || set.IsUnknown() {
		return out, nil
	}
	var teams []teamModel
	diags := set.ElementsAs(ctx, &teams, false)
	for _, t := range teams {
		var roles []string
		diags.Append(t.RoleNames.ElementsAs(ctx, &roles, false)...)
		sort.Strings(roles)
		out[t.TeamID.ValueString()] = roles
	}
	return out, diags
}

func knownString(v types.String) string {
	if v.IsNull() || v.IsUnknown() {
		return ""
	}
	return v.ValueString()
}

func (s settingsModel) values() []types.Bool {
	return []types.Bool{
		s.IsClusterAIAssistantEnabled, s.IsCollectDatabaseSpecificsStatisticsEnabled, s.IsDataExplorerEnabled,
		s.IsDataExplorerGenAIFeaturesEnabled, s.IsDataExplorerGenAISampleDocumentPassingEnabled, s.IsExtendedStorageSizesEnabled,
		s.IsNativeRerankingEnabled, s.IsPerformanceAdvisorEnabled, s.IsRealtimePerformancePanelEnabled, s.IsSchemaAdvisorEnabled,
	}
}

// anySet reports whether a configuration sets at least one setting.
func (s settingsModel) anySet() bool {
	for _, v := range s.values() {
		if !v.IsNull() {
			return true
		}
	}
	return false
}

func (s settingsModel) hasUnknown() bool {
	for _, v := range s.values() {
		if v.IsUnknown() {
			return true
		}
	}
	return false
}
