package project

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
)

// deleteUntilGone deletes project id, sending DELETE again until Atlas accepts
// it, and explains a failure. Atlas refuses to delete a project that still holds
// deployments (409 CANNOT_CLOSE_GROUP_ACTIVE_*), also while they are being
// deleted, and has no state to read that says the project can now be deleted:
// the only way to find out is to send DELETE once more. timeout is the delete
// timeout already set on ctx, for the message.
func (r *projectResource) deleteUntilGone(ctx context.Context, id, name string, timeout time.Duration) diag.Diagnostics {
	var diags diag.Diagnostics
	var blocker error
	_, err := atlas.Wait(ctx, atlas.WaitSpec{
		What:    fmt.Sprintf("project %q (%s) to be deleted", name, id),
		Pending: []string{"BLOCKED"},
		Target:  []string{"DELETED"},
		Refresh: func(ctx context.Context) (string, error) { return r.sendDelete(ctx, id, &blocker) },
	})
	if err == nil {
		return diags
	}
	summary := fmt.Sprintf("Deleting project %q (%s) failed", name, id)
	var blocked *blockedError
	var timedOut *atlas.WaitTimeoutError
	switch {
	case errors.As(err, &blocked):
		diags.AddError(summary, fmt.Sprintf("The project still holds clusters that are not being deleted: %s.\n\n"+
			"Delete them first (or remove them from this configuration's dependencies), then run terraform destroy again. Atlas said: %s",
			blocked.stuck, blocked.cause))
	case errors.As(err, &timedOut):
		diags.AddError(summary, fmt.Sprintf("Atlas kept refusing the deletion for %s because the project still holds resources "+
			"that are being removed: %s\n\nWait until they are gone and run terraform destroy again, or raise timeouts.delete.", timeout, blocker))
	default:
		diags.AddError(summary, fmt.Sprintf("%s\n\n%s", err, hint(err)))
	}
	return diags
}

// sendDelete is deleteUntilGone's refresh function, and not a read: every call
// sends DELETE for the project once. It reports DELETED once Atlas accepted the
// DELETE or the project is gone, and BLOCKED while Atlas refuses it because the
// project holds resources being removed (*blocker keeps that refusal for the
// timeout message). It fails at once when a cluster blocks the delete without
// being deleted, since waiting cannot help then.
func (r *projectResource) sendDelete(ctx context.Context, id string, blocker *error) (string, error) {
	err := r.Client.DeleteProject(ctx, id)
	switch {
	case err == nil, atlas.IsNotFound(err):
		return "DELETED", nil
	case atlas.HasErrorCodePrefix(err, "CANNOT_CLOSE_GROUP_ACTIVE_"):
		*blocker = err
		if stuck := r.clustersNotBeingDeleted(ctx, id, err); stuck != "" {
			return "", &blockedError{cause: err, stuck: stuck}
		}
		return "BLOCKED", nil
	default:
		return "", err
	}
}

type blockedError struct {
	cause error
	stuck string
}

func (e *blockedError) Error() string { return "project holds clusters: " + e.stuck }

// clustersNotBeingDeleted names the clusters that keep a project from being
// deleted and are not on their way out, so a delete that can never succeed
// fails at once instead of waiting for its whole timeout.
func (r *projectResource) clustersNotBeingDeleted(ctx context.Context, id string, deleteErr error) string {
	if !atlas.HasErrorCode(deleteErr, "CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS") {
		return ""
	}
	var stuck []string
	clusters, err := r.Client.ListClusters(ctx, id)
	if err != nil {
		return "" // keep waiting; the delete itself reports what blocks it
	}
	for _, c := range clusters {
		if c.StateName != atlas.StateDeleting {
			stuck = append(stuck, fmt.Sprintf("%s (%s)", c.Name, c.StateName))
		}
	}
	flex, err := r.Client.ListFlexClusters(ctx, id)
	if err != nil {
		return ""
	}
	for _, c := range flex {
		if c.StateName != atlas.StateDeleting {
			stuck = append(stuck, fmt.Sprintf("flex cluster %s (%s)", c.Name, c.StateName))
		}
	}
	return strings.Join(stuck, ", ")
}
