package flexcluster

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/tags"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/tfvalue"
)

// clusterModel is what Atlas reports about a flex cluster, as Terraform values.
type clusterModel struct {
	ProjectID                    types.String `tfsdk:"project_id"`
	Name                         types.String `tfsdk:"name"`
	ProviderSettings             types.Object `tfsdk:"provider_settings"`
	Tags                         types.Map    `tfsdk:"tags"`
	TerminationProtectionEnabled types.Bool   `tfsdk:"termination_protection_enabled"`
	ID                           types.String `tfsdk:"id"`
	BackupSettings               types.Object `tfsdk:"backup_settings"`
	ClusterType                  types.String `tfsdk:"cluster_type"`
	ConnectionStrings            types.Object `tfsdk:"connection_strings"`
	CreateDate                   types.String `tfsdk:"create_date"`
	MongoDBVersion               types.String `tfsdk:"mongo_db_version"`
	StateName                    types.String `tfsdk:"state_name"`
	VersionReleaseSystem         types.String `tfsdk:"version_release_system"`
}

// resourceModel adds the attributes that exist only in Terraform.
type resourceModel struct {
	clusterModel
	DeleteOnCreateTimeout types.Bool     `tfsdk:"delete_on_create_timeout"`
	Timeouts              timeouts.Value `tfsdk:"timeouts"`
}

type providerSettingsModel struct {
	BackingProviderName types.String  `tfsdk:"backing_provider_name"`
	RegionName          types.String  `tfsdk:"region_name"`
	ProviderName        types.String  `tfsdk:"provider_name"`
	DiskSizeGB          types.Float64 `tfsdk:"disk_size_gb"`
}

// newClusterModel converts an Atlas answer. projectID is passed separately
// because Atlas's groupId is the same value and the configuration's spelling wins.
func newClusterModel(projectID string, c *atlas.FlexCluster) clusterModel {
	m := clusterModel{
		ProjectID:                    types.StringValue(projectID),
		Name:                         types.StringValue(c.Name),
		Tags:                         tags.ToMap(c.Tags),
		TerminationProtectionEnabled: types.BoolValue(c.TerminationProtectionEnabled),
		ID:                           types.StringValue(c.ID),
		ClusterType:                  tfvalue.OptionalString(c.ClusterType),
		CreateDate:                   tfvalue.OptionalString(c.CreateDate),
		MongoDBVersion:               tfvalue.OptionalString(c.MongoDBVersion),
		StateName:                    tfvalue.OptionalString(c.StateName),
		VersionReleaseSystem:         tfvalue.OptionalString(c.VersionReleaseSystem),
	}
	ps := c.ProviderSettings
	m.ProviderSettings = types.ObjectValueMust(providerSettingsType.AttrTypes, map[string]attr.Value{
		"backing_provider_name": types.StringValue(ps.BackingProviderName),
		"region_name":           types.StringValue(ps.RegionName),
		"provider_name":         tfvalue.OptionalString(ps.ProviderName),
		"disk_size_gb":          types.Float64PointerValue(ps.DiskSizeGB),
	})
	backup := types.BoolNull()
	if c.BackupSettings != nil {
		backup = types.BoolValue(c.BackupSettings.Enabled)
	}
	m.BackupSettings = types.ObjectValueMust(backupSettingsType.AttrTypes, map[string]attr.Value{"enabled": backup})
	var cs atlas.FlexConnectionStrings
	if c.ConnectionStrings != nil {
		cs = *c.ConnectionStrings
	}
	m.ConnectionStrings = types.ObjectValueMust(connectionStringsType.AttrTypes, map[string]attr.Value{
		"standard":     tfvalue.OptionalString(cs.Standard),
		"standard_srv": tfvalue.OptionalString(cs.StandardSrv),
	})
	return m
}

// newStateModel is newClusterModel for the resource's state: "no tags" keeps
// the form of tagsLike (the plan, or the prior state on refresh), so `tags = {}`
// stays {} and no attribute stays null.
func newStateModel(projectID string, c *atlas.FlexCluster, tagsLike types.Map) clusterModel {
	m := newClusterModel(projectID, c)
	m.Tags = tags.ToMapLike(c.Tags, tagsLike)
	return m
}

// importedModel is the state Read writes when it completes an import of c:
// what Atlas reports, and nulls for what only a configuration sets. The list
// resource returns it as well, so a configuration generated from it plans no
// change after the import. The configuration is unknown here: "no tags" as an
// empty map matches both `tags = {}` and no attribute (tags.NoneKeepsState).
func importedModel(projectID string, c *atlas.FlexCluster) resourceModel {
	return resourceModel{
		clusterModel:          newStateModel(projectID, c, tags.Empty()),
		DeleteOnCreateTimeout: types.BoolNull(),
		Timeouts: timeouts.Value{Object: types.ObjectNull(map[string]attr.Type{
			"create": types.StringType, "update": types.StringType, "delete": types.StringType,
		})},
	}
}

// newCreateRequest builds the POST body from the plan.
func newCreateRequest(ctx context.Context, plan *resourceModel) (atlas.FlexClusterCreate, diag.Diagnostics) {
	var ps providerSettingsModel
	diags := plan.ProviderSettings.As(ctx, &ps, basetypes.ObjectAsOptions{})
	tagList, d := tags.FromMap(ctx, plan.Tags)
	diags.Append(d...)
	return atlas.FlexClusterCreate{
		Name:                         plan.Name.ValueString(),
		BackingProviderName:          ps.BackingProviderName.ValueString(),
		RegionName:                   ps.RegionName.ValueString(),
		Tags:                         tagList,
		TerminationProtectionEnabled: plan.TerminationProtectionEnabled.ValueBool(), // unknown reads as false, Atlas's default
	}, diags
}

// newUpdateRequest builds the PATCH body: the whole desired tags and protection.
func newUpdateRequest(ctx context.Context, plan *resourceModel) (atlas.FlexClusterUpdate, diag.Diagnostics) {
	tagList, diags := tags.FromMap(ctx, plan.Tags)
	return atlas.FlexClusterUpdate{Tags: tagList, TerminationProtectionEnabled: plan.TerminationProtectionEnabled.ValueBool()}, diags
}
