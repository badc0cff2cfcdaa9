/* Unit tests: ingest/failure.c, how a run ended from the lines it left. */
#include "harness.h"
#include "../../ingest/parsers.h"

static struct hdb_failure feed(const char *const *lines)
{
	struct hdb_failure f;
	long n = 0;

	memset(&f, 0, sizeof(f));
	for (; *lines; lines++)
		hdb_failure_note(&f, *lines, ++n);
	return f;
}

static void out_of_memory_outranks_the_load_failure_it_causes(void)
{
	static const char *const lines[] = {
		"ggml_vulkan: Found 1 Vulkan devices:",
		"ggml_vulkan: Device memory allocation of size 2491416576 failed.",
		"ggml_vulkan: Requested buffer size exceeds device memory allocation limit: ErrorOutOfDeviceMemory",
		"main: error: failed to load model '/home/k/models/Kimi-Dev-72B-UD-Q8_K_XL-00001-of-00002.gguf'",
		"\xe2\x9c\x96 ! [vulkan_amdvlk] Kimi-Dev-72B failed (exit 1)",
		NULL,
	};
	struct hdb_failure f = feed(lines);

	CHECK_INT(f.kind, HDB_FAIL_OOM);
	CHECK_STR(hdb_fail_status(f.kind), "oom");
	CHECK_STR(f.line, "ggml_vulkan: Device memory allocation of size 2491416576 failed.");
	CHECK_INT(f.lineno, 2);
	CHECK_STR(f.model_file, "Kimi-Dev-72B-UD-Q8_K_XL-00001-of-00002.gguf");
}

static void the_telling_line_beats_backtrace_frames(void)
{
	static const char *const lines[] = {
		"/lib64/libggml-base.so.0(+0x4465) [0x7f4479108465]",
		"/lib64/libggml-base.so.0(ggml_print_backtrace+0x1eb) [0x7f447910883b]",
		"/usr/sbin/llama-bench() [0x404f35]",
		"terminate called after throwing an instance of 'vk::DeviceLostError'",
		"  what():  vk::Queue::submit: ErrorDeviceLost",
		NULL,
	};
	struct hdb_failure f = feed(lines);

	CHECK_INT(f.kind, HDB_FAIL_CRASHED);
	CHECK_STR(f.line, "terminate called after throwing an instance of 'vk::DeviceLostError'");
	CHECK_INT(f.lineno, 4);
}

static void gpu_hang_rpc_abort_and_hsa_errors_are_crashes(void)
{
	int telling;

	CHECK_INT(hdb_failure_kind("HW Exception by GPU node-1 (Agent handle: 0x68b7b10) reason :GPU Hang", &telling), HDB_FAIL_CRASHED);
	CHECK_INT(hdb_failure_kind("/opt/llama.cpp/ggml/src/ggml-rpc/ggml-rpc.cpp:724: Remote RPC server crashed or returned malformed response", &telling), HDB_FAIL_CRASHED);
	CHECK_INT(hdb_failure_kind(":0:rocdevice.cpp :3594: Callback: Queue aborting with error : HSA_STATUS_ERROR_EXCEPTION: code: 0x1016", &telling), HDB_FAIL_CRASHED);
	CHECK_INT(hdb_failure_kind("llama_init_from_model: failed to create context", &telling), HDB_FAIL_FAILED);
	CHECK_INT(hdb_failure_kind("llama_bench: error: failed to load model '/srv/models/x.gguf'", &telling), HDB_FAIL_FAILED);
}

static void exit_statuses_of_wrappers(void)
{
	int telling;

	CHECK_INT(hdb_failure_kind("exit=137", &telling), HDB_FAIL_CRASHED);
	CHECK_INT(hdb_failure_kind("exit=1", &telling), HDB_FAIL_FAILED);
	CHECK_INT(hdb_failure_kind("exit=0", &telling), HDB_FAIL_NONE);
	CHECK_INT(hdb_failure_kind("next=5", &telling), HDB_FAIL_NONE);
}

static void ordinary_lines_are_not_failures(void)
{
	static const char *const lines[] = {
		"ggml_cuda_init: failed to initialize CUDA: no CUDA-capable device is detected",
		"llama_perf_context_print: prompt eval time =       0.00 ms /     1 tokens (    0.00 ms per token,      inf tokens per second)",
		"load_tensors: offloaded 62/62 layers to GPU",
		"DEPRECATED: -mmp and --mmap are deprecated in favour of --load-mode.",
		NULL,
	};
	struct hdb_failure f = feed(lines);

	CHECK_INT(f.kind, HDB_FAIL_NONE);
	CHECK_STR(hdb_fail_status(f.kind), "ok");
}

int main(void)
{
	RUN(out_of_memory_outranks_the_load_failure_it_causes);
	RUN(the_telling_line_beats_backtrace_frames);
	RUN(gpu_hang_rpc_abort_and_hsa_errors_are_crashes);
	RUN(exit_statuses_of_wrappers);
	RUN(ordinary_lines_are_not_failures);
	return t_done();
}
