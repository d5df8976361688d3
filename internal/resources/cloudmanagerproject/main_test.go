package cloudmanagerproject_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
)

func TestMain(m *testing.M) {
	if reason := acctest.ConfigureCLI(); reason != "" {
		fmt.Fprintln(os.Stderr, "acceptance tests cannot run:", reason)
		os.Exit(1)
	}
	os.Exit(m.Run())
}
