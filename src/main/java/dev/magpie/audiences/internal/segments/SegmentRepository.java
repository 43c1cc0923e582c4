package dev.magpie.audiences.internal.segments;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/** Segments of the current account only: Hibernate adds the account to every query. */
interface SegmentRepository extends JpaRepository<Segment, String> {

    List<Segment> findAllByOrderById();
}
