package dev.magpie.imports.internal;

import java.util.List;

/**
 * What one batch of rows did.
 *
 * @param processed rows read, imported or not
 * @param created profiles the batch created
 * @param updated existing profiles it changed
 * @param failures rows it could not import
 * @param lastPosition the position of the batch's last row: where the job resumes
 */
record BatchOutcome(int processed, int created, int updated, List<RowFailure> failures, int lastPosition) {
}
