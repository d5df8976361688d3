package serverlessinstance

import (
	"context"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/tfvalue"
)

// instanceModel is the state of mongodbatlas_serverless_instance; the data
// sources use it without Timeouts.
type instanceModel struct {
	ID                                  types.String `tfsdk:"id"`
	ProjectID                           types.String `tfsdk:"project_id"`
	Name                                types.String `tfsdk:"name"`
	ProviderSettingsBackingProviderName types.String `tfsdk:"provider_settings_backing_provider_name"`
	ProviderSettingsProviderName        types.String `tfsdk:"provider_settings_provider_name"`
	ProviderSettingsRegionName          types.String `tfsdk:"provider_settings_region_name"`
	ConnectionStringsStandardSrv        types.String `tfsdk:"connection_strings_standard_srv"`
	ConnectionStringsPrivateEndpointSrv types.List   `tfsdk:"connection_strings_private_endpoint_srv"`
	CreateDate                          types.String `tfsdk:"create_date"`
	MongoDBVersion                      types.String `tfsdk:"mongo_db_version"`
	StateName                           types.String `tfsdk:"state_name"`
	TerminationProtectionEnabled        types.Bool   `tfsdk:"termination_protection_enabled"`
	ContinuousBackupEnabled             types.Bool   `tfsdk:"continuous_backup_enabled"`
	AutoIndexing                        types.Bool   `tfsdk:"auto_indexing"`
	Links                               types.Set    `tfsdk:"links"`
	Tags                                types.Set    `tfsdk:"tags"`
}

type resourceModel struct {
	instanceModel
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

type tagModel struct {
	Key   types.String `tfsdk:"key"`
	Value types.String `tfsdk:"value"`
}

// apply copies what Atlas reports into the model. prior is the state before
// (nil on import or create): where Atlas's value means nothing for a
// flex-backed instance, the prior value is kept, so there is no perpetual diff.
func (m *instanceModel) apply(projectID string, inst *instance, prior *instanceModel) {
	m.ID = types.StringValue(EncodeID(projectID, inst.name()))
	m.ProjectID = types.StringValue(projectID)
	m.Name = types.StringValue(inst.name())
	m.Links = types.SetValueMust(linkType, nil)
	switch {
	case inst.serverless != nil:
		s := inst.serverless
		m.ProviderSettingsBackingProviderName = types.StringValue(s.ProviderSettings.BackingProviderName)
		m.ProviderSettingsRegionName = types.StringValue(s.ProviderSettings.RegionName)
		m.ProviderSettingsProviderName = types.StringValue(firstNonEmpty(s.ProviderSettings.ProviderName, "SERVERLESS"))
		var endpoints []string
		if s.ConnectionStrings != nil {
			m.ConnectionStringsStandardSrv = tfvalue.OptionalString(s.ConnectionStrings.StandardSrv)
			for _, pe := range s.ConnectionStrings.PrivateEndpoint {
				endpoints = append(endpoints, pe.SrvConnectionString)
			}
		} else {
			m.ConnectionStringsStandardSrv = types.StringNull()
		}
		m.ConnectionStringsPrivateEndpointSrv = tfvalue.StringList(endpoints)
		m.CreateDate = tfvalue.OptionalString(s.CreateDate)
		m.MongoDBVersion = tfvalue.OptionalString(s.MongoDBVersion)
		m.StateName = tfvalue.OptionalString(s.StateName)
		m.TerminationProtectionEnabled = types.BoolValue(s.TerminationProtectionEnabled)
		m.ContinuousBackupEnabled = types.BoolValue(s.ServerlessBackupOptions != nil && s.ServerlessBackupOptions.ServerlessContinuousBackupEnabled)
		m.Tags = tagSet(s.Tags)
	case inst.flex != nil:
		f := inst.flex
		m.ProviderSettingsBackingProviderName = types.StringValue(f.ProviderSettings.BackingProviderName)
		m.ProviderSettingsRegionName = types.StringValue(f.ProviderSettings.RegionName)
		m.ProviderSettingsProviderName = types.StringValue("FLEX")
		m.ConnectionStringsStandardSrv = types.StringNull()
		if f.ConnectionStrings != nil {
			m.ConnectionStringsStandardSrv = tfvalue.OptionalString(f.ConnectionStrings.StandardSrv)
		}
		m.ConnectionStringsPrivateEndpointSrv = tfvalue.StringList(nil)
		m.CreateDate = tfvalue.OptionalString(f.CreateDate)
		m.MongoDBVersion = tfvalue.OptionalString(f.MongoDBVersion)
		m.StateName = tfvalue.OptionalString(f.StateName)
		m.TerminationProtectionEnabled = types.BoolValue(f.TerminationProtectionEnabled)
		m.ContinuousBackupEnabled = types.BoolValue(false)
		m.Tags = tagSet(f.Tags)
	}
	if prior != nil {
		// SERVERLESS and FLEX are the same value to this resource; keep the user's spelling.
		if isServerlessOrFlex(prior.ProviderSettingsProviderName.ValueString()) {
			m.ProviderSettingsProviderName = prior.ProviderSettingsProviderName
		}
		if inst.flexBacked() && !prior.ContinuousBackupEnabled.IsNull() && !prior.ContinuousBackupEnabled.IsUnknown() {
			m.ContinuousBackupEnabled = prior.ContinuousBackupEnabled
		}
		m.AutoIndexing = prior.AutoIndexing
	}
	if m.AutoIndexing.IsUnknown() {
		m.AutoIndexing = types.BoolNull()
	}
}

// importedModel is the state Read writes when it completes an import of inst:
// what Atlas reports, and nulls for what only a configuration sets. The list
// resource returns it as well, so a configuration generated from it plans no
// change after the import.
func importedModel(projectID string, inst *instance) resourceModel {
	m := resourceModel{Timeouts: timeouts.Value{Object: types.ObjectNull(map[string]attr.Type{
		"create": types.StringType, "update": types.StringType, "delete": types.StringType,
	})}}
	m.apply(projectID, inst, &instanceModel{})
	return m
}

func tagSet(list []atlas.Tag) types.Set {
	sorted := append([]atlas.Tag(nil), list...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Key < sorted[j].Key })
	elems := make([]attr.Value, 0, len(sorted))
	for _, t := range sorted {
		elems = append(elems, types.ObjectValueMust(tagType.AttrTypes, map[string]attr.Value{
			"key": types.StringValue(t.Key), "value": types.StringValue(t.Value),
		}))
	}
	return types.SetValueMust(tagType, elems)
}

// tagsFromSet reads the configured tags, sorted by key.
func tagsFromSet(ctx context.Context, set types.Set) ([]atlas.Tag, diag.Diagnostics) {
	out := []atlas.Tag{}
	if set.IsNull() || set.IsUnknown() {
		return out, nil
	}
	var tags []tagModel
	diags := set.ElementsAs(ctx, &tags, false)
	for _, t := range tags {
		out = append(out, atlas.Tag{Key: t.Key.ValueString(), Value: t.Value.ValueString()})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out, diags
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
