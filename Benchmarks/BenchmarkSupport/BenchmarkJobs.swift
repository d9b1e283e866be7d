// The jobs of the build benchmarks (BENCHMARKS.md, "build and job B"), shared by BuildBenchmark
// and `InspectCorpus build-jobs`; scripts/pillow-build.py draws the same shapes.
//
// Job A: multi-image2video with the four images of ``BenchmarkInputs/fourImages(in:)`` and no
// brushes (brushes are image2video's alone now). Job B: image2video with the 3840×2160 JPEG
// and 1 static + 6 dynamic areas drawn on its grid.
public enum BenchmarkJobs {
    /// The prompt of both jobs.
    public static let prompt = "The waves roll in; the boats drift."
    /// Job B's one static line (three terms).
    public static let staticArea =
        "rect 0,0.8 1,1; ellipse 0.15,0.3 0.1,0.15; polygon 0.6,0.05 0.95,0.15 0.85,0.45 0.55,0.35"
    /// Job B's six dynamic areas.
    public static let areas = [
        "ellipse 0.35,0.55 0.08,0.2", "circle 0.7,0.6 0.08", "stroke 4% 0.2,0.2 0.3,0.25 0.4,0.2",
        "polygon 0.45,0.1 0.55,0.1 0.55,0.25 0.45,0.25", "rect 0.05,0.55 0.2,0.75", "ellipse 0.88,0.65 0.05,0.08",
    ]
    /// The paths of job B's six dynamic areas, in order.
    public static let paths = [
        "move right 10%", "line -> 0.8,0.5", "move up 5%", "arc 0.5,0.2 -> 0.6,0.2 bend 0.3", "move down 5%", "still",
    ]

    /// Job A's file: `images` are paths relative to the job file.
    public static func jobA(images: [String]) -> String {
        """
        # KlingPrep benchmark job A: multi-image2video, 4 images, no brushes (BENCHMARKS.md)
        route: multi-image2video
        model: kling-v1-6
        mode: std
        duration: 5
        aspect_ratio: "16:9"
        prompt: \(prompt)
        external_task_id: bench-job-a
        images:

        """ + images.map { "  - \($0)\n" }.joined()
    }

    /// Job B's file: `image` is a path relative to the job file.
    public static func jobB(image: String) -> String {
        var text = """
            # KlingPrep benchmark job B: image2video, the 3840x2160 JPEG, 1 static + 6 dynamic areas
            route: image2video
            model: kling-v1
            mode: std
            duration: 5
            prompt: \(prompt)
            cfg_scale: 0.5
            external_task_id: bench-job-b
            images:
              - \(image)
            brushes:
              static:
                - \(staticArea)
              dynamic:

            """
        for (area, path) in zip(areas, paths) {
            text += "    - area: \(area)\n      path: \(path)\n"
        }
        return text
    }
}
