import { Canvas } from "@react-three/fiber";
import { createNeuronPreview } from "./scene/createNeuronPreview";
import { NeuronPreview } from "./scene/NeuronPreview";

const preview = createNeuronPreview(7);

export function App() {
  return (
    <div
      style={{
        display: "flex",
        flexDirection: "column",
        height: "100vh",
        margin: 0,
        fontFamily: "system-ui",
      }}
    >
      <header style={{ padding: "8px 12px", background: "#101418", color: "#e8eef2" }}>
        <strong>Danio</strong> — collaborative connectome proofreading
      </header>
      <main style={{ flex: 1, position: "relative", background: "#0b0e11" }}>
        <Canvas
          data-testid="main-view"
          frameloop="demand"
          camera={{ position: [0, 0, 3.2], fov: 45 }}
          gl={{ antialias: true, preserveDrawingBuffer: true }}
        >
          <ambientLight intensity={0.35} />
          <directionalLight position={[2, 3, 4]} intensity={2.2} />
          <directionalLight position={[-3, -1, -2]} intensity={0.6} color="#88aaff" />
          <NeuronPreview preview={preview} />
        </Canvas>
      </main>
    </div>
  );
}
