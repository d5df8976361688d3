package project

// The parts of a project beyond its own fields: settings, limits, teams, IP
// addresses and the managed slow operation threshold, each with its own API
// calls. Create and Update write them (apply*), Read and the list resource read
// them (refresh); private state records which of them a refresh must read.

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/tags"
)

const (
	// privateSlowMs marks that is_slow_operation_thresholding_enabled is set in
	// the configuration (or was imported with a value other than Atlas's
	// default), so Read refreshes it (it costs an extra API call).
	privateSlowMs = "slow_ms_managed"
	// privateNoSettings marks that the configuration sets none of the project
	// settings: a refresh then does not read them (one request fewer per
	// project; the settings keep the values read at create). Without the mark
	// (a state from an older version, an import) they are read.
	privateNoSettings = "settings_unconfigured"
	// slowMsDefault is Atlas's managed slow operation threshold for a new project.
	slowMsDefault = true
)

// rememberSettingsManaged records whether the configuration sets any project
// setting (privateNoSettings).
func rememberSettingsManaged(ctx context.Context, private interface {
	SetKey(context.Context, string, []byte) diag.Diagnostics
}, config settingsModel) diag.Diagnostics {
	if config.anySet() {
		return private.SetKey(ctx, privateNoSettings, nil)
	}
	return private.SetKey(ctx, privateNoSettings, []byte("true"))
}

// refresh sets state from the project p and what Read adds to it (settings,
// limits, teams, IP addresses, the managed slow operation threshold). imported
// is the first read of a project Terraform did not create: after an import, and
// for a list result with its resource, which must be exactly what the import
// would store. settingsManaged says the settings are read (see privateNoSettings),
// slowMsManaged that is_slow_operation_thresholding_enabled is; keepSlowMs
// that it must be from now on.
func (r *projectResource) refresh(ctx context.Context, p *atlas.Project, state *resourceModel, imported, settingsManaged, slowMsManaged bool) (keepSlowMs bool, diags diag.Diagnostics) {
	id := p.ID
	if imported {
		// The configuration is unknown here: an empty map matches both
		// `tags = {}` and no attribute (tags.NoneKeepsState).
		state.Tags = tags.Empty()
	}
	state.applyProject(p)

	if imported || settingsManaged {
		settings, err := r.Client.GetProjectSettings(ctx, id)
		if err != nil {
			diags.AddError(fmt.Sprintf("Reading the settings of project %s failed", id), err.Error())
			return false, diags
		}
		state.settingsModel = settingsFromAPI(settings)
	}

	// An imported project has no limits or teams blocks yet; empty sets match a
	// configuration without those blocks.
	if state.Limits.IsNull() {
		state.Limits = types.SetValueMust(limitType, nil)
	}
	if state.Teams.IsNull() {
		state.Teams = types.SetValueMust(teamType, nil)
	}
	if imported || hasElements(state.Limits) {
		wanted, moreDiags := limitsFromModel(ctx, state.Limits)
		diags.Append(moreDiags...)
		limits, err := r.Client.ListProjectLimits(ctx, id)
		if err != nil {
			diags.AddError(fmt.Sprintf("Reading the limits of project %s failed", id), err.Error())
			return false, diags
		}
		if imported {
			state.Limits = limitsFromAPI(limitsChangedFromDefault(limits), nil)
		} else {
			state.Limits = limitsFromAPI(limits, keys(wanted))
		}
	}
	if hasElements(state.Teams) {
		teams, err := r.Client.ListProjectTeams(ctx, id)
		if err != nil {
			diags.AddError(fmt.Sprintf("Reading the teams of project %s failed", id), err.Error())
			return false, diags
		}
		value, moreDiags := teamsFromAPI(teams, teamType, true)
		diags.Append(moreDiags...)
		state.Teams = value.(types.Set)
	}

	ips, err := r.ipAddresses(ctx, p)
	if err != nil {
		diags.AddError(fmt.Sprintf("Reading the IP addresses of project %s failed", id), err.Error())
		return false, diags
	}
	state.IPAddresses = ips

	if slowMsManaged || imported {
		enabled, err := r.Client.GetManagedSlowMs(ctx, id)
		if err != nil {
			diags.AddError(fmt.Sprintf("Reading the managed slow operation threshold of project %s failed", id), err.Error())
			return false, diags
		}
		state.IsSlowOperationThresholdingEnabled = types.BoolValue(enabled)
		// After an import, whether the configuration sets it is unknown; a
		// value other than the default was set on purpose, so keep it
		// refreshed. The next update settles it from the configuration.
		keepSlowMs = imported && enabled != slowMsDefault
	}
	return keepSlowMs, diags
}

// ipAddresses asks Atlas only when the project has clusters: a project without
// clusters has no cluster IP addresses, and skipping the call keeps a refresh at
// two requests.
func (r *projectResource) ipAddresses(ctx context.Context, p *atlas.Project) (types.Object, error) {
	if p.ClusterCount == 0 {
		return ipAddressesValue(nil), nil
	}
	ips, err := r.Client.GetProjectIPAddresses(ctx, p.ID)
	if err != nil {
		return types.ObjectNull(ipAddressesType.AttrTypes), err
	}
	return ipAddressesValue(ips.Clusters), nil
}

// applySettings PATCHes the settings that differ from prior (all configured
// ones on create) and returns Atlas's full settings. With nothing to change it
// reads the settings on create and returns nil on update.
func (r *projectResource) applySettings(ctx context.Context, id string, plan settingsModel, prior *settingsModel) (*atlas.ProjectSettings, error) {
	changes, changed := settingsChanges(plan, prior)
	if changed {
		return r.Client.UpdateProjectSettings(ctx, id, changes)
	}
	if prior == nil {
		return r.Client.GetProjectSettings(ctx, id)
	}
	return nil, nil
}

// applyLimits sets new and changed limits, resets removed ones to Atlas's
// default, and returns the configured limits as Atlas now reports them.
func (r *projectResource) applyLimits(ctx context.Context, id string, planned, prior types.Set) (types.Set, error) {
	want, diags := limitsFromModel(ctx, planned)
	had, moreDiags := limitsFromModel(ctx, prior)
	diags.Append(moreDiags...)
	if diags.HasError() {
		return planned, fmt.Errorf("reading limits: %v", diags)
	}
	for _, name := range sortedKeys(had) {
		if _, keep := want[name]; !keep {
			if err := r.Client.DeleteProjectLimit(ctx, id, name); err != nil && !atlas.IsNotFound(err) {
				return planned, err
			}
		}
	}
	var updated []atlas.ProjectLimit
	for _, name := range sortedKeys(want) {
		if before, ok := had[name]; ok && before == want[name] {
			continue
		}
		l, err := r.Client.SetProjectLimit(ctx, id, name, want[name])
		if err != nil {
			return planned, fmt.Errorf("limit %s = %d: %w", name, want[name], err)
		}
		updated = append(updated, *l)
	}
	switch {
	case len(want) == 0:
		return types.SetValueMust(limitType, nil), nil
	case len(updated) == 0 && len(had) == len(want):
		return prior, nil // nothing changed
	case len(updated) == len(want):
		return limitsFromAPI(updated, nil), nil
	}
	// Some limits were unchanged: their computed values come from one list call.
	all, err := r.Client.ListProjectLimits(ctx, id)
	if err != nil {
		return planned, err
	}
	return limitsFromAPI(all, keys(want)), nil
}

// applyTeams makes Atlas's team assignments match the plan.
func (r *projectResource) applyTeams(ctx context.Context, id string, planned, prior types.Set) error {
	want, diags := teamsFromModel(ctx, planned)
	had, moreDiags := teamsFromModel(ctx, prior)
	diags.Append(moreDiags...)
	if diags.HasError() {
		return fmt.Errorf("reading teams: %v", diags)
	}
	for _, teamID := range sortedKeys(had) {
		if _, keep := want[teamID]; !keep {
			if err := r.Client.RemoveProjectTeam(ctx, id, teamID); err != nil && !atlas.IsNotFound(err) {
				return fmt.Errorf("removing team %s: %w", teamID, err)
			}
		}
	}
	var added []atlas.ProjectTeam
	for _, teamID := range sortedKeys(want) {
		roles := want[teamID]
		before, existed := had[teamID]
		switch {
		case !existed:
			added = append(added, atlas.ProjectTeam{TeamID: teamID, RoleNames: roles})
		case strings.Join(before, ",") != strings.Join(roles, ","):
			if err := r.Client.UpdateProjectTeamRoles(ctx, id, teamID, roles); err != nil {
				return fmt.Errorf("changing the roles of team %s: %w", teamID, err)
			}
		}
	}
	if len(added) > 0 {
		if err := r.Client.AddProjectTeams(ctx, id, added); err != nil {
			return fmt.Errorf("assigning teams: %w", err)
		}
	}
	return nil
}

func hasElements(s types.Set) bool {
	return !s.IsNull() && !s.IsUnknown() && len(s.Elements()) > 0
}

func keys[V any](m map[string]V) map[string]bool {
	out := make(map[string]bool, len(m))
	for k := range m {
		out[k] = true
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
