package serverlessinstance

import (
	"context"
	"errors"
	"fmt"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
)

// waitForIdle waits until the instance is IDLE, through the API that runs it:
// the serverless API for a real serverless instance, the flex API for a
// flex-backed one. Waits of one project share their reads (the client's
// watches). An instance that leaves the serverless API while it is waited for
// (Atlas migrated it, or the API's sunset came) is followed to the flex API.
func waitForIdle(ctx context.Context, client *atlas.Client, projectID, name, backend string) (*instance, error) {
	if backend == backendServerless {
		s, err := client.WaitForServerlessInstanceIdle(ctx, projectID, name)
		if !leftServerlessAPI(err) {
			if s == nil {
				return nil, err
			}
			return &instance{serverless: s}, err
		}
		moved, ferr := whereItMoved(ctx, client, projectID, name, err)
		if ferr != nil {
			return nil, ferr
		}
		if moved.cluster != nil {
			return moved, fmt.Errorf("while waiting for it to be ready: %s", migratedToClusterAdvice(projectID, name))
		}
	}
	f, err := client.WaitForFlexClusterIdle(ctx, projectID, name, "ready")
	if f == nil {
		return nil, err
	}
	return &instance{flex: f}, err
}

// waitForDeletion waits until no API knows the instance.
func waitForDeletion(ctx context.Context, client *atlas.Client, projectID, name, backend string) error {
	if backend == backendServerless {
		err := client.WaitForServerlessInstanceDeletion(ctx, projectID, name)
		if err != nil && !leftServerlessAPI(err) {
			return err
		}
		// Gone from the serverless API: deleted, or moved to the flex API
		// (Atlas migrated it meanwhile), where the deletion goes on. One GET
		// tells the two apart at once; joining the flex waits of the project
		// would save it but add up to a tick to every deletion.
		moved, ferr := whereItMoved(ctx, client, projectID, name, err)
		switch {
		case errors.Is(ferr, errNotFound):
			return nil
		case ferr != nil:
			return ferr
		case moved.cluster != nil:
			return fmt.Errorf("while waiting for the deletion: %s", migratedToClusterAdvice(projectID, name))
		}
	}
	return client.WaitForFlexClusterDeletion(ctx, projectID, name)
}

// leftServerlessAPI reports whether a serverless wait ended because the
// serverless API no longer answers for the instance.
func leftServerlessAPI(err error) bool {
	return atlas.IsAbsentWhileWaiting(err) || serverlessGone(err)
}

// whereItMoved looks the instance up beyond the serverless API after a wait
// there ended with waitErr (nil when the instance went from the serverless
// API as a deletion does). errNotFound means no API knows it.
func whereItMoved(ctx context.Context, client *atlas.Client, projectID, name string, waitErr error) (*instance, error) {
	inst, err := find(ctx, client, projectID, name, backendFlex)
	if errors.Is(err, errNotFound) && waitErr != nil {
		return nil, fmt.Errorf("%w: %w", errNotFound, waitErr)
	}
	return inst, err
}
