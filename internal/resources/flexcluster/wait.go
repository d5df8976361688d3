package flexcluster

import (
	"context"
	"fmt"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
)

// stateDeleted is not an Atlas state: it stands for "GET answers 404".
const stateDeleted = "DELETED"

// waitForState polls the cluster until it is IDLE and returns it.
func waitForState(ctx context.Context, client *atlas.Client, projectID, name, verb string, pending []string) (*atlas.FlexCluster, error) {
	var last *atlas.FlexCluster
	_, err := atlas.Wait(ctx, atlas.WaitSpec{
		What:    fmt.Sprintf("flex cluster %q in project %s to be %s", name, projectID, verb),
		Pending: pending,
		Target:  []string{atlas.StateIdle},
		Refresh: func(ctx context.Context) (string, error) {
			c, err := client.GetFlexCluster(ctx, projectID, name)
			if err != nil {
				return "", err
			}
			last = c
			return c.StateName, nil
		},
	})
	return last, err
}

// WaitForDeletion polls until the cluster is gone. Exported for the project
// and serverless resources, which delete flex clusters too.
func WaitForDeletion(ctx context.Context, client *atlas.Client, projectID, name string) error {
	_, err := atlas.Wait(ctx, atlas.WaitSpec{
		What:    fmt.Sprintf("flex cluster %q in project %s to be deleted", name, projectID),
		Pending: []string{atlas.StateDeleting, atlas.StateIdle, atlas.StateCreating, atlas.StateUpdating, atlas.StateRepairing},
		Target:  []string{stateDeleted},
		Refresh: func(ctx context.Context) (string, error) {
			c, err := client.GetFlexCluster(ctx, projectID, name)
			if atlas.IsNotFound(err) {
				return stateDeleted, nil
			}
			if err != nil {
				return "", err
			}
			return c.StateName, nil
		},
	})
	return err
}
