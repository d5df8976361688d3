package projectipaccesslist_test

import (
	"testing"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
)

func TestMain(m *testing.M) { acctest.Main(m) }
