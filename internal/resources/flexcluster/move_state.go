package flexcluster

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/clusteridentity"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/movestate"
)

var _ resource.ResourceWithMoveState = (*flexResource)(nil)

// serverlessState is the part of a mongodbatlas_serverless_instance state a
// flex cluster needs. The attribute names are the same in this provider's
// state and in the official provider's.
type serverlessState struct {
	ProjectID                    string `json:"project_id"`
	Name                         string `json:"name"`
	BackingProviderName          string `json:"provider_settings_backing_provider_name"`
	RegionName                   string `json:"provider_settings_region_name"`
	StandardSrv                  string `json:"connection_strings_standard_srv"`
	CreateDate                   string `json:"create_date"`
	MongoDBVersion               string `json:"mongo_db_version"`
	StateName                    string `json:"state_name"`
	TerminationProtectionEnabled *bool  `json:"termination_protection_enabled"`
	Tags                         []struct {
		Key   string `json:"key"`
		Value string `json:"value"`
	} `json:"tags"`
}

// MoveState takes, with a moved block, a mongodbatlas_flex_cluster from the
// official provider, and a mongodbatlas_serverless_instance (this provider's
// or the official one's) whose block the configuration replaces with a
// mongodbatlas_flex_cluster block. Nothing is sent to Atlas: a serverless
// state is converted, and the next refresh fills in what it does not hold
// (the Atlas id, disk size, ...).
func (r *flexResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{
		clusteridentity.WithIdentity(movestate.SameType(typeName)),
		clusteridentity.WithIdentity(resource.StateMover{StateMover: moveFromServerless}),
	}
}

func moveFromServerless(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	if req.SourceTypeName != "mongodbatlas_serverless_instance" || !movestate.FromAtlasProvider(req.SourceProviderAddress) {
		return // not ours to move; the framework tries other movers or reports it
	}
	if req.SourceRawState == nil {
		resp.Diagnostics.AddError("Cannot move the serverless instance", "The source state is empty.")
		return
	}
	var src serverlessState
	if err := json.Unmarshal(req.SourceRawState.JSON, &src); err != nil {
		resp.Diagnostics.AddError("Cannot move the serverless instance", fmt.Sprintf("Its state could not be read: %s", err))
		return
	}
	if src.ProjectID == "" || src.Name == "" {
		resp.Diagnostics.AddError("Cannot move the serverless instance", "Its state has no project_id or name.")
		return
	}
	m, err := modelFromServerlessState(src)
	if err != nil {
		resp.Diagnostics.AddError("Cannot move the serverless instance", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.TargetState.Set(ctx, &m)...)
}

// modelFromServerlessState converts a serverless state; values it does not
// carry are null until the next refresh.
func modelFromServerlessState(src serverlessState) (resourceModel, error) {
	tagList := make([]atlas.Tag, 0, len(src.Tags))
	seen := map[string]bool{}
	for _, t := range src.Tags {
		if seen[t.Key] {
			return resourceModel{}, fmt.Errorf("tag key %q appears twice; a flex cluster's tags are a map", t.Key)
		}
		seen[t.Key] = true
		tagList = append(tagList, atlas.Tag{Key: t.Key, Value: t.Value})
	}
	c := &atlas.FlexCluster{
		Name:                         src.Name,
		CreateDate:                   src.CreateDate,
		MongoDBVersion:               src.MongoDBVersion,
		StateName:                    src.StateName,
		Tags:                         tagList,
		TerminationProtectionEnabled: src.TerminationProtectionEnabled != nil && *src.TerminationProtectionEnabled,
		ProviderSettings:             atlas.FlexProviderSettings{BackingProviderName: src.BackingProviderName, RegionName: src.RegionName, ProviderName: "FLEX"},
	}
	if src.StandardSrv != "" {
		c.ConnectionStrings = &atlas.FlexConnectionStrings{StandardSrv: src.StandardSrv}
	}
	m := importedModel(src.ProjectID, c)
	m.ID = types.StringNull()
	return m, nil
}
